package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.PrivateEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AMLX-41: a workspace whose compute sits in a customer subnet (the design the guidance
 * hardens) has no {@code amlworkspace} private endpoint, so compute and users reach it over
 * its public endpoint: MEDIUM. With a private endpoint but public network access explicitly
 * Enabled (or azurerm's default), LOW. A private endpoint whose target is Unknown, or built from
 * symbols that may name the workspace, may be the workspace's, and keeps the rule silent.
 */
public final class WorkspaceWithoutPrivateEndpoint implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Map<Resource, ComputeSubnets.ComputeSubnet> workspaces = new LinkedHashMap<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      for (Resource u : mcs.users()) ComputeSubnets.workspaceOf(graph, u).ifPresent(ws -> workspaces.putIfAbsent(ws, mcs));
    }
    workspaces.forEach((ws, mcs) -> {
      if (ws.existing()) return;
      PrivateEndpoints.Found found = PrivateEndpoints.to(graph, ResourceId.valueOf(ws), Set.of("amlworkspace"));
      // a private endpoint whose target or groups are known only at deployment may be this one
      if (found.state() == Tri.UNKNOWN) return;
      Optional<Resource> pe = Optional.ofNullable(found.endpoint());
      Optional<Value> pna = ws.at("properties.publicNetworkAccess");
      if (pe.isEmpty()) {
        String msg = "Workspace " + ws.shortName() + " has compute in subnet " + mcs.subnet().shortName() + " (" + mcs.describeUsers()
            + ") but no private endpoint with group amlworkspace: compute and users reach it over its public endpoint, and compute without "
            + "a public IP cannot reach it at all. Add a private endpoint to the workspace (groupIds [\"amlworkspace\"], subresource_names = "
            + "[\"amlworkspace\"]) in the VNet, with the privatelink.api.azureml.ms and privatelink.notebooks.azure.net DNS zones";
        hits.add(new Hit(ws.address(), ws.location(), "properties.privateEndpointConnections", msg,
            List.of(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()))));
      } else if (pna.isPresent() && pna.get() instanceof Value.Str s && s.value().trim().equalsIgnoreCase("Enabled")) {
        String msg = "Workspace " + ws.shortName() + " has private endpoint " + pe.get().shortName()
            + " but its public network access is still Enabled, so it stays reachable from the internet. Set publicNetworkAccess to Disabled "
            + "(public_network_access_enabled = false)";
        hits.add(new Hit(ws.address(), pna.get().location(), "properties.publicNetworkAccess", msg,
            List.of(new Hit.Related(pe.get().location(), "private endpoint " + pe.get().shortName())), Severity.LOW));
      }
    });
    return hits;
  }
}
