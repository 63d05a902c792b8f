package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SecurityRule;
import dev.exfilguard.rules.network.ServiceTags;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-23: an outbound Allow that reaches storage more widely than {@code Storage.<region>} of
 * the compute subnet: the global {@code Storage} tag, {@code AzureCloud}, or another region's
 * storage. Judged only where the rule is not shadowed and compute cannot already reach the
 * whole internet (AMLX-21). LOW; INFO when a service endpoint policy is attached, since the
 * policy then limits storage egress to its accounts.
 */
public final class StorageEgressBreadth implements Check {

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty()) continue;
      if (e.evaluate(Probe.internet()).allowed()) continue;
      String region = e.mcs().region();
      boolean policy = !dev.exfilguard.rules.network.ComputeSubnets.policies(graph, e.mcs().subnet()).isEmpty();
      for (SecurityRule r : e.declaredNsg().get().rules()) {
        if (r.isOutbound() != Tri.TRUE || r.isAllow() != Tri.TRUE) continue;
        for (Value d : r.destinations()) {
          if (!(d instanceof Value.Str s)) continue;
          String t = ServiceTags.normalize(s.value());
          Optional<String> why = broader(t, region);
          if (why.isEmpty()) continue;
          // the rule must be the one that decides this traffic: an earlier Deny may shadow it
          Probe p = Probe.serviceTag(s.value(), 443, null);
          if (e.declaredNsg().get().firstDenyBefore(r, p, e.prefixes()).isPresent()) continue;
          if (r.matches(p, e.prefixes()) == Tri.FALSE) continue;
          String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + "; NSG " + e.declaredNsg().get().nsg().shortName() + " rule "
              + r.name() + " allows outbound to " + s.value() + ", " + why.get() + ". Allow Storage."
              + (region != null ? region : "<region>") + " only"
              + (policy ? " (a service endpoint policy on the subnet limits which accounts are reachable)" : "")
              + dev.exfilguard.rules.Provenance.describe(d);
          hits.add(new Hit(r.child().address(), d.location(), "properties.securityRules[" + r.name() + "]", msg,
              List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
                  new Hit.Related(r.location(), "security rule " + r.name())),
              policy ? Severity.INFO : null));
        }
      }
    }
    return hits;
  }

  /** Why a destination token reaches more storage than the region's, if it does. */
  private static Optional<String> broader(String t, String region) {
    if (ServiceTags.hasPlaceholder(t)) return Optional.empty();
    if (t.equals("storage")) return Optional.of("which covers storage accounts in every region");
    if (t.equals("azurecloud")) return Optional.of("which covers every Azure public IP, storage included");
    if (t.startsWith("azurecloud.") && region != null && !t.equals("azurecloud." + region)) {
      return Optional.of("which covers another region's Azure addresses, storage included");
    }
    if (t.startsWith("storage.") && region != null && !t.equals("storage." + region)) {
      return Optional.of("storage in another region than the compute's (" + region + ")");
    }
    return Optional.empty();
  }
}
