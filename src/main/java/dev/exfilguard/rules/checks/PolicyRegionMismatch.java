package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.network.ComputeSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AMLX-16: a service endpoint policy on an ML compute subnet is in another region than the
 * subnet's virtual network; Azure rejects the attachment. Locations compare case- and
 * space-insensitively; an Unknown location on either side is no finding.
 */
public final class PolicyRegionMismatch implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      Optional<Resource> vnet = graph.parent(mcs.subnet());
      Optional<String> vnetRegion = vnet.flatMap(v -> region(v.at("location")));
      if (vnetRegion.isEmpty()) continue;
      for (Resource sep : ComputeSubnets.policies(graph, mcs.subnet())) {
        Optional<Value> loc = sep.at("location");
        Optional<String> sepRegion = region(loc);
        if (sepRegion.isEmpty() || sepRegion.get().equals(vnetRegion.get())) continue;
        String msg = "Service endpoint policy " + sep.shortName() + " is in " + ((Value.Str) loc.get()).value() + " but virtual network "
            + vnet.get().shortName() + " of ML compute subnet " + mcs.subnet().shortName() + " is in " + ((Value.Str) vnet.get().at("location").get()).value()
            + ": Azure rejects a policy from another region. Deploy the policy in the virtual network's region"
            + dev.exfilguard.rules.Provenance.describe(loc.get());
        hits.add(new Hit(sep.address(), loc.get().location(), "location", msg,
            List.of(new Hit.Related(vnet.get().location(), "virtual network " + vnet.get().shortName()))));
      }
    }
    return hits;
  }

  private static Optional<String> region(Optional<Value> v) {
    return v.filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value().toLowerCase(Locale.ROOT).replace(" ", ""))
        .filter(r -> !dev.exfilguard.rules.network.ServiceTags.hasPlaceholder(r));
  }
}
