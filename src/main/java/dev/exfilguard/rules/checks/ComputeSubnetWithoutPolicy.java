package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-10: an ML compute subnet with no service endpoint policy, so compute's storage egress
 * reaches any storage account, an insider's included. INFO when the NSG blocks storage egress
 * altogether and no firewall route could carry it; skipped for managed-network workspaces,
 * where compute does not run in customer subnets (AMLX-05).
 */
public final class ComputeSubnetWithoutPolicy implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      Resource subnet = e.mcs().subnet();
      Optional<Value> list = Paths.get(subnet.body(), "properties.serviceEndpointPolicies");
      if (list.isPresent() && (list.get().isUnknown() || (list.get() instanceof Value.Arr a && !a.items().isEmpty()))) continue;
      if (managedNetwork(graph, e)) continue;
      boolean noStorageEgress = e.evaluate(Probe.storage(e.mcs().region())).blocked() && e.steered() == Tri.FALSE;
      String msg = "Subnet " + subnet.shortName() + " hosts " + e.computes() + " but has no service endpoint policy"
          + (noStorageEgress ? "; its NSG blocks storage egress today, so this only matters once storage is allowed" : "")
          + ": compute can write to any storage account, including one an insider controls. Attach a policy with a "
          + "Microsoft.Storage definition listing the workspace's storage accounts and a Global definition with /services/Azure/MachineLearning";
      hits.add(new Hit(subnet.address(), subnet.location(), "properties.serviceEndpointPolicies", msg,
          List.of(new Hit.Related(e.mcs().users().get(0).location(), e.computes())), noStorageEgress ? Severity.INFO : null));
    }
    return hits;
  }

  static boolean managedNetwork(ResourceGraph graph, SubnetEgress e) {
    return e.mcs().workspace().map(w -> ManagedNetwork.ofWorkspace(graph, w).mode().managed()).orElse(false);
  }
}
