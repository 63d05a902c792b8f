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
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    Location location,
    String resourceAddress,
    String attributePath,
    List<Related> related) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::resourceAddress)
          .thenComparing(Finding::message);

  public Finding {
    related = List.copyOf(related);
  }

  /** A place the reasoning went through, with what it is. */
  public record Related(Location location, String message) {}

  /** Stable across unrelated edits: rule, resource address, attribute path; never lines. */
  public String fingerprint() {
    return Fingerprints.of(ruleId, resourceAddress, attributePath);
  }
}
