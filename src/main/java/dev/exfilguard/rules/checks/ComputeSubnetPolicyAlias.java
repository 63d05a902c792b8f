package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.ServiceEndpointPolicies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * AMLX-12: a service endpoint policy on an ML compute subnet without a {@code Global}
 * definition listing {@code /services/Azure/MachineLearning}. Policies not attached to a
 * compute subnet are left alone: a storage policy for a web app's subnet needs no ML alias.
 */
public final class ComputeSubnetPolicyAlias implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Set<Resource> judged = new LinkedHashSet<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      for (Resource sep : ComputeSubnets.policies(graph, mcs.subnet())) {
        if (sep.existing() || !judged.add(sep) || ServiceEndpointPolicies.hasAlias(sep) != Tri.FALSE) continue;
        Resource user = mcs.users().get(0);
        hits.add(new Hit(sep.address(), sep.location(), "properties.serviceEndpointPolicyDefinitions",
            "Service endpoint policy " + sep.shortName() + " on ML compute subnet " + mcs.subnet().shortName()
                + " has no Global definition with the alias " + ServiceEndpointPolicies.ML_ALIAS + "; compute " + user.shortName()
                + " cannot reach the Microsoft-managed storage it needs",
            List.of(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()),
                new Hit.Related(user.location(), "compute " + user.shortName()))));
      }
    }
    return hits;
  }
}
