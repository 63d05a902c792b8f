package dev.exfilguard.rules.network;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;

/**
 * What an NSG does with a probe, and why: the deciding rule (or the platform's default rule
 * when none matched), and the far-end value that matched.
 *
 * @param rule the deciding custom rule; null when a default rule decided or the NSG is Unknown
 * @param defaultRule the default rule's name and priority when it decided, else null
 * @param certain false when the outcome rests on Unknown values (an Allow that only may match,
 *     a Deny that may have matched but was not certain to): findings on it are INFO notes
 */
public record NsgVerdict(Outcome outcome, SecurityRule rule, String defaultRule, Value farEnd, boolean certain) {

  /** ALLOWED and BLOCKED are certain as far as the rules go; UNKNOWN when the NSG itself is not known. */
  public enum Outcome {
    ALLOWED,
    BLOCKED,
    UNKNOWN
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }

  public boolean blocked() {
    return outcome == Outcome.BLOCKED;
  }

  /** "rule out-afd at priority 300 (nsg.json:41)" or "the default rule AllowInternetOutBound (65001)". */
  public String describe() {
    if (rule != null) {
      String prio = rule.knownPriority().map(p -> " at priority " + p).orElse(" at an unknown priority");
      Location at = farEnd != null ? farEnd.location() : rule.location();
      return "rule " + rule.name() + prio + " (" + at.shortForm() + ")";
    }
    if (defaultRule != null) return "the default rule " + defaultRule;
    return "an NSG that cannot be resolved";
  }
}
