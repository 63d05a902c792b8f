package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Provenance;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.rules.network.ManagedNetwork.Isolation;
import dev.exfilguard.rules.network.ManagedNetwork.SubnetState;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-05: a compute cluster or instance placed in a customer subnet while its workspace (or a
 * project's hub) uses a managed network. Azure does not deploy compute into a customer VNet in
 * that mode, so the design the template describes is not the one that runs.
 */
public final class ManagedNetworkComputeSubnet implements Check {
  static final String PATH = "properties.properties.subnet.id";

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource c : ManagedNetwork.vmComputes(graph)) {
      if (ManagedNetwork.subnetOf(c) != SubnetState.SET) continue;
      Isolation iso = ManagedNetwork.ofCompute(graph, c);
      if (!iso.mode().managed()) continue;
      Value subnet = c.at(PATH).orElseThrow();
      hits.add(new Hit(c.address(), subnet.location(), PATH,
          "Compute " + c.shortName() + " is placed in the customer subnet " + Value.render(subnet) + Provenance.describe(subnet)
              + ", but " + iso.describe() + " uses a managed network, and Azure cannot deploy compute into a customer VNet"
              + " in that mode; remove properties.properties.subnet (Terraform: subnet_resource_id) and rely on the managed VNet",
          List.of(new Hit.Related(iso.value().location(), "workspace " + iso.workspace().shortName()))));
    }
    return hits;
  }
}
