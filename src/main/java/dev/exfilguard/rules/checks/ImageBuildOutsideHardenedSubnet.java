package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.ServiceEndpointPolicies;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-52 (INFO): the workspace builds images on a compute ({@code imageBuildCompute}) that does
 * not run in a hardened ML compute subnet: no subnet at all on a workspace without a managed
 * network, or a subnet that lacks a service endpoint policy with the ML alias, an NSG, or whose
 * NSG lets compute reach the internet or Front Door. Image builds run arbitrary Dockerfile steps.
 */
public final class ImageBuildOutsideHardenedSubnet implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    List<SubnetEgress> egress = SubnetEgress.of(graph);
    for (Resource ws : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      if (ws.existing()) continue;
      Optional<Value> name = ws.at("properties.imageBuildCompute");
      if (name.isEmpty() || !(name.get() instanceof Value.Str s) || s.value().isBlank()) continue;
      Optional<Resource> compute = graph.find("Microsoft.MachineLearningServices/workspaces/computes",
          Term.join(List.of(ws.nameTerm(), Term.text(s.value().trim())), "/"));
      if (compute.isEmpty()) continue;
      Optional<String> why = weakness(graph, ws, compute.get(), egress);
      if (why.isEmpty()) continue;
      hits.add(new Hit(ws.address(), s.location(), "properties.imageBuildCompute",
          "Workspace " + ws.shortName() + " builds images on compute " + compute.get().shortName() + ", which " + why.get()
              + ": image builds run arbitrary Dockerfile steps. Build on a compute in the hardened compute subnet"
              + dev.exfilguard.rules.Provenance.describe(s),
          List.of(new Hit.Related(compute.get().location(), "compute " + compute.get().shortName()))));
    }
    return hits;
  }

  private static Optional<String> weakness(ResourceGraph graph, Resource ws, Resource compute, List<SubnetEgress> egress) {
    Optional<Value> subnet = compute.at("properties.properties.subnet.id");
    if (subnet.isEmpty() || subnet.get() instanceof Value.Null) {
      // only a workspace certainly without a managed network leaves such compute unprotected
      ManagedNetwork.Mode mode = ManagedNetwork.ofWorkspace(graph, ws).mode();
      return mode == ManagedNetwork.Mode.DISABLED ? Optional.of("runs in no customer subnet") : Optional.empty();
    }
    for (SubnetEgress e : egress) {
      if (!e.mcs().users().contains(compute)) continue;
      if (ServiceEndpointPolicies.validOn(graph, e.mcs()) == Tri.FALSE) {
        return Optional.of("runs in subnet " + e.subnetName() + " without the Microsoft.Storage service endpoint and a policy with the ML alias");
      }
      if (e.nsg().isPresent() && e.nsg().get().nsg() == null) return Optional.of("runs in subnet " + e.subnetName() + ", which has no NSG");
      if (certainlyAllowed(e.evaluate(Probe.internet()))) {
        return Optional.of("runs in subnet " + e.subnetName() + ", whose NSG lets it reach the internet");
      }
      if (certainlyAllowed(e.evaluate(Probe.frontDoor()))) {
        return Optional.of("runs in subnet " + e.subnetName() + ", whose NSG lets it reach Azure Front Door");
      }
    }
    return Optional.empty();
  }

  private static boolean certainlyAllowed(dev.exfilguard.rules.network.NsgVerdict v) {
    return v.allowed() && v.certain();
  }
}
