package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Provenance;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.rules.network.ManagedNetwork.Isolation;
import dev.exfilguard.rules.network.ManagedNetwork.Mode;
import dev.exfilguard.rules.network.ManagedNetwork.SubnetState;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-01: a compute cluster or instance with no subnet whose workspace has no managed network.
 * Such compute sits in a network Azure runs for it with open egress, so neither an NSG, a
 * service endpoint policy nor a managed-network outbound rule applies to it. When the workspace
 * that decides is not in the scanned source, the finding is an INFO note, not HIGH: the
 * workspace may well use a managed network.
 */
public final class ComputeNotIsolated implements Check {

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource c : ManagedNetwork.vmComputes(graph)) {
      // a subnet that is set, or Unknown, is not "no subnet"
      if (ManagedNetwork.subnetOf(c) != SubnetState.NONE) continue;
      Isolation iso = ManagedNetwork.ofCompute(graph, c);
      if (iso.mode() == Mode.DISABLED) {
        Resource ws = iso.workspace();
        String mode = iso.value() == null ? "no managed network" : "managed network isolation mode " + Value.render(iso.value()) + Provenance.describe(iso.value());
        // a project's network is its hub's: say so, the fix is on the hub
        String owner = ComputeSubnets.workspaceOf(graph, c).filter(w -> w != ws)
            .map(p -> "project " + p.shortName() + " uses hub " + ws.shortName() + ", which")
            .orElse("its workspace " + ws.shortName());
        hits.add(new Hit(c.address(), c.location(), "properties.properties.subnet",
            "Compute " + c.shortName() + " has no subnet and " + owner + " has " + mode
                + ", so it runs in an Azure-managed network with open internet egress that no exfiltration control covers;"
                + " set properties.properties.subnet.id (Terraform: subnet_resource_id) to a hardened customer subnet,"
                + " or give workspace " + ws.shortName() + " managedNetwork.isolationMode AllowOnlyApprovedOutbound",
            List.of(new Hit.Related(iso.value() != null ? iso.value().location() : ws.location(), "workspace " + ws.shortName()))));
      } else if (iso.mode() == Mode.UNRESOLVED) {
        hits.add(new Hit(c.address(), c.location(), "properties.properties.subnet",
            "Compute " + c.shortName() + " has no subnet and whether it is network-isolated cannot be resolved: " + iso.reason()
                + ". Unless that workspace uses a managed network (isolationMode AllowOnlyApprovedOutbound), the compute"
                + " has open internet egress; scan the workspace together with the compute, or set a subnet",
            List.of(), Severity.INFO));
      }
      // managed network: Azure places the compute in the workspace's managed VNet (AMLX-03 judges its egress);
      // Unknown mode: never a finding
    }
    return hits;
  }
}
