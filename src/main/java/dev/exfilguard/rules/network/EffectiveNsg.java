package dev.exfilguard.rules.network;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Tri;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An NSG as Azure enforces it on a subnet: its custom rules (inline and standalone) by
 * ascending priority, then the platform's default rules. Evaluation under Unknown follows
 * reference §3.0: an Allow that may match decides ALLOWED, a Deny decides BLOCKED only when it
 * certainly matches, and an Allow whose priority is Unknown may come before every Deny.
 *
 * @param nsg the NSG resource; null for a subnet without one (only the default rules apply)
 */
public record EffectiveNsg(Resource nsg, List<SecurityRule> rules) {

  public static EffectiveNsg of(ResourceGraph graph, Resource nsg) {
    List<SecurityRule> rules = graph.children(nsg, "securityRules").stream()
        .map(SecurityRule::of)
        .sorted(Comparator.comparing((SecurityRule r) -> r.knownPriority().orElse(Integer.MAX_VALUE)))
        .toList();
    return new EffectiveNsg(nsg, rules);
  }

  /** A subnet without an NSG: Azure's default rules only. */
  public static EffectiveNsg none() {
    return new EffectiveNsg(null, List.of());
  }

  public NsgVerdict evaluate(Probe p, List<Cidr> subnetPrefixes) {
    for (SecurityRule r : rules) {
      if (r.knownPriority().isEmpty() && r.isAllow() != Tri.FALSE && r.matches(p, subnetPrefixes) != Tri.FALSE) {
        return new NsgVerdict(NsgVerdict.Outcome.ALLOWED, r, null, r.farEnd(p).orElse(null), false);
      }
    }
    boolean doubt = false;
    for (SecurityRule r : rules) {
      if (r.knownPriority().isEmpty()) continue;
      Tri m = r.matches(p, subnetPrefixes);
      if (m == Tri.FALSE) continue;
      Tri allow = r.isAllow();
      if (allow != Tri.FALSE && r.isDeny() != Tri.TRUE) {
        boolean certain = !doubt && m == Tri.TRUE && allow == Tri.TRUE;
        return new NsgVerdict(NsgVerdict.Outcome.ALLOWED, r, null, r.farEnd(p).orElse(null), certain);
      }
      if (r.isDeny() == Tri.TRUE && m == Tri.TRUE) {
        return new NsgVerdict(NsgVerdict.Outcome.BLOCKED, r, null, r.farEnd(p).orElse(null), !doubt);
      }
      doubt = true;
    }
    // the platform's default rules (NSG overview): outbound AllowInternetOutBound (65001) lets any
    // internet-bound traffic out; inbound DenyAllInBound (65500) stops what no rule allowed
    return p.outbound()
        ? new NsgVerdict(NsgVerdict.Outcome.ALLOWED, null, "AllowInternetOutBound (65001)", null, !doubt)
        : new NsgVerdict(NsgVerdict.Outcome.BLOCKED, null, "DenyAllInBound (65500)", null, !doubt);
  }

  /** The outbound rules first in priority order, for messages that list what precedes a rule. */
  public Optional<SecurityRule> firstDenyBefore(SecurityRule rule, Probe p, List<Cidr> subnetPrefixes) {
    Optional<Integer> prio = rule.knownPriority();
    if (prio.isEmpty()) return Optional.empty();
    return rules.stream()
        .filter(r -> r.knownPriority().map(x -> x < prio.get()).orElse(false))
        .filter(r -> r.isDeny() == Tri.TRUE && r.matches(p, subnetPrefixes) == Tri.TRUE)
        .findFirst();
  }
}
