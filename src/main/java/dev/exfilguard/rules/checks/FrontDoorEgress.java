package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Provenance;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.SecurityRule;
import dev.exfilguard.rules.network.ServiceTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AMLX-22, first form: an outbound Allow to {@code AzureFrontDoor.Frontend} that no Deny of a
 * lower priority number in the same NSG certainly blocks for ML compute's TCP/443 traffic.
 * Allows are matched may-match (an Unknown port or protocol still may let traffic through);
 * Denies must-match (an Unknown in a Deny never counts as blocking).
 */
public final class FrontDoorEgress implements Check {
  private static final List<String> AFD = List.of(ServiceTags.AFD_FRONTEND);
  /** Destinations a Deny must name to certainly block the AFD probe (TCP/443 to AFD). */
  private static final List<String> BLOCKS_AFD = List.of("*", "0.0.0.0/0", "internet", ServiceTags.AFD_FRONTEND);
  private static final int HTTPS = 443;

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource nsg : graph.ofType("Microsoft.Network/networkSecurityGroups")) {
      if (nsg.existing()) continue;
      List<SecurityRule> rules = graph.children(nsg, "securityRules").stream().map(SecurityRule::of).toList();
      judge(nsg.shortName(), nsg.location(), rules, hits);
    }
    // rules added to an NSG declared elsewhere: judged on what this source shows
    for (Map.Entry<String, List<Resource>> e : graph.orphans("Microsoft.Network/networkSecurityGroups", "securityRules").entrySet()) {
      List<SecurityRule> rules = e.getValue().stream()
          .map(r -> SecurityRule.of(new ResourceGraph.Child(r.shortName(), r.body(), r.address(), r.location(), r)))
          .toList();
      judge(e.getKey(), e.getValue().get(0).location(), rules, hits);
    }
    return hits;
  }

  private static void judge(String nsgName, dev.exfilguard.model.Location nsgLocation, List<SecurityRule> rules, List<Hit> hits) {
    List<SecurityRule> byPriority = rules.stream()
        .sorted(Comparator.comparing((SecurityRule r) -> r.knownPriority().orElse(Integer.MAX_VALUE)))
        .toList();
    for (SecurityRule allow : byPriority) {
      if (allow.isOutbound() != Tri.TRUE || allow.isAllow() != Tri.TRUE) continue;
      Optional<Value> afd = allow.destinationIn(AFD);
      if (afd.isEmpty()) continue;
      if (allow.coversTcp() == Tri.FALSE || allow.coversPort(HTTPS) == Tri.FALSE || allow.sourceCoversCompute() == Tri.FALSE) continue;
      Optional<SecurityRule> shadow = byPriority.stream().filter(deny -> blocks(deny, allow)).findFirst();
      if (shadow.isPresent()) continue;
      String priority = allow.knownPriority().map(p -> "priority " + p).orElse("an unknown priority");
      String msg = "NSG " + nsgName + " allows outbound to " + ((Value.Str) afd.get()).value() + " at " + priority
          + " (rule " + allow.name() + "); no Deny precedes it, so compute can send data to any Front Door endpoint"
          + Provenance.describe(afd.get());
      hits.add(new Hit(allow.child().address(), afd.get().location(),
          "properties.securityRules[" + allow.name() + "].properties.destinationAddressPrefix", msg,
          List.of(new Hit.Related(nsgLocation, "network security group " + nsgName),
              new Hit.Related(allow.location(), "security rule " + allow.name()))));
    }
  }

  /** A Deny that certainly comes first and certainly matches TCP/443 to AFD from ML compute. */
  private static boolean blocks(SecurityRule deny, SecurityRule allow) {
    Optional<Integer> dp = deny.knownPriority();
    Optional<Integer> ap = allow.knownPriority();
    if (dp.isEmpty() || ap.isEmpty() || dp.get() >= ap.get()) return false;
    return deny.isOutbound() == Tri.TRUE
        && deny.isDeny() == Tri.TRUE
        && deny.coversTcp() == Tri.TRUE
        && deny.coversPort(HTTPS) == Tri.TRUE
        && deny.sourceCoversCompute() == Tri.TRUE
        && deny.destinationIn(BLOCKS_AFD).isPresent();
  }
}
