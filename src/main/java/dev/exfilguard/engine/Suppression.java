package dev.exfilguard.engine;

import dev.exfilguard.model.Location;
import java.time.LocalDate;
import java.util.List;

/**
 * An accepted risk: which rules, why, until when, and which findings it covers.
 *
 * @param ruleIds the rule IDs it names; {@code *} (config file only) names every rule
 * @param reason the justification, never blank (a suppression without one is not a suppression
 *     but an {@code EXFG-01} finding)
 * @param expires the last day it applies, or null
 * @param location where it is written: the comment, the metadata entry, the config entry
 * @param scope which findings it covers
 */
public record Suppression(Kind kind, List<String> ruleIds, String reason, LocalDate expires, Location location, Scope scope) {

  public Suppression {
    ruleIds = List.copyOf(ruleIds);
  }

  /** Where a suppression is written. */
  public enum Kind {
    /** A {@code # exfilguard:ignore} comment above the resource or attribute. */
    INLINE("inSource"),
    /** An ARM resource's {@code metadata.exfilguard.ignore} entry (Bicep's {@code @metadata}). */
    METADATA("inSource"),
    /** A {@code suppressions} entry of {@code .exfilguard.yaml}. */
    CONFIG("external");

    private final String sarifKind;

    Kind(String sarifKind) {
      this.sarifKind = sarifKind;
    }

    /** SARIF {@code suppression.kind}: in the scanned source, or outside it. */
    public String sarifKind() {
      return sarifKind;
    }
  }

  /** Which findings a suppression covers (rule IDs aside). */
  @FunctionalInterface
  public interface Scope {
    boolean covers(Finding f);
  }

  public boolean names(String ruleId) {
    return ruleIds.contains("*") || ruleIds.contains(ruleId);
  }

  public boolean expiredOn(LocalDate today) {
    return expires != null && today.isAfter(expires);
  }

  /** {@code AMLX-22, AMLX-02}. */
  public String idList() {
    return String.join(", ", ruleIds);
  }

  /** SARIF's justification: the reason, and the expiry when there is one. */
  public String justification() {
    return expires == null ? reason : reason + " (until " + expires + ")";
  }
}
