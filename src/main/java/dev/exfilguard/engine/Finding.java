package dev.exfilguard.engine;

import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * One risk found. Sorted by file, line, column, rule.
 *
 * @param resourceAddress the Terraform address or the ARM {@code type/name} of the resource
 * @param attributePath the ARM path the finding is about ({@code properties.properties.enableNodePublicIp}),
 *     or empty for the resource as a whole; with rule and address it makes the fingerprint,
 *     which does not depend on line numbers
 * @param related other places the reasoning went through (the NSG, the deciding rule, the
 *     parameter default that set the value)
 * @param declaration where the resource the finding is about is declared (the
 *     {@code resource} block line, the ARM resource's opening): an inline suppression may sit
 *     above it as well as above the attribute the finding points at
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    Location location,
    String resourceAddress,
    String attributePath,
    List<Related> related,
    Location declaration) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::resourceAddress)
          .thenComparing(Finding::message);

  public Finding {
    related = List.copyOf(related);
    if (declaration == null) declaration = location;
  }

  /** A finding whose resource is declared where it points. */
  public Finding(String ruleId, Severity severity, String message, Location location, String resourceAddress,
      String attributePath, List<Related> related) {
    this(ruleId, severity, message, location, resourceAddress, attributePath, related, location);
  }

  /** A place the reasoning went through, with what it is. */
  public record Related(Location location, String message) {}

  /** Stable across unrelated edits: rule, resource address, attribute path; never lines. */
  public String fingerprint() {
    return Fingerprints.of(ruleId, resourceAddress, attributePath);
  }
}
