package dev.exfilguard.engine;

import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.rules.Severity;
import java.util.List;

/**
 * Findings about exfilguard's own inputs rather than about Azure resources. Their IDs use the
 * {@code EXFG-} prefix so they can never collide with the catalogue's {@code AMLX-nn}; they are
 * documented in the README's "Suppressions" section.
 */
public final class ToolRules {
  private ToolRules() {}

  public static final RuleMeta INVALID_SUPPRESSION = new RuleMeta(
      "EXFG-01",
      "invalid-suppression",
      "A suppression has no reason, or cannot be read",
      Severity.MEDIUM,
      "governance",
      List.of(),
      "An accepted risk must say why it was accepted, so that a reviewer can judge it and remove it when the"
          + " reason no longer holds. A suppression without a reason, with an unreadable expiry date or naming"
          + " no rule does not apply: the findings it meant to hide are still reported.",
      "Write the reason after the rule IDs: '# exfilguard:ignore AMLX-22 <why this is acceptable>'; in ARM"
          + " metadata give a non-empty \"reason\"; dates are YYYY-MM-DD.",
      List.of(),
      "built-in");

  public static final RuleMeta UNUSED_SUPPRESSION = new RuleMeta(
      "EXFG-02",
      "unused-suppression",
      "A suppression matches no finding",
      Severity.LOW,
      "governance",
      List.of(),
      "A suppression that hides nothing is stale: the risk was fixed or moved. Left in place it would silently"
          + " hide the same risk if it came back. Reported only with --report-unused-suppressions.",
      "Remove the suppression, or move it above the resource or attribute it is meant for.",
      List.of(),
      "built-in");

  public static final List<RuleMeta> ALL = List.of(INVALID_SUPPRESSION, UNUSED_SUPPRESSION);
}
