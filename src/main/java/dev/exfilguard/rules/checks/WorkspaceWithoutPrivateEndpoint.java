package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.ResourceIds;
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
 * Enabled (or azurerm's default), LOW. A private endpoint whose target is Unknown may be the
 * workspace's, and keeps the rule silent.
 */
public final class WorkspaceWithoutPrivateEndpoint implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Map<Resource, ComputeSubnets.ComputeSubnet> workspaces = new LinkedHashMap<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      for (Resource u : mcs.users()) ComputeSubnets.workspaceOf(graph, u).ifPresent(ws -> workspaces.putIfAbsent(ws, mcs));
    }
    if (unknownTarget(graph)) return hits;
    workspaces.forEach((ws, mcs) -> {
      if (ws.existing()) return;
      String id = "/providers/Microsoft.MachineLearningServices/workspaces/" + ws.name();
      Optional<Resource> pe = ResourceIds.privateEndpoint(graph, id, Set.of("amlworkspace"));
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

  private static boolean unknownTarget(ResourceGraph graph) {
    for (Resource pe : graph.ofType("Microsoft.Network/privateEndpoints")) {
      for (String list : List.of("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")) {
        Optional<Value> conns = pe.at("properties." + list);
        if (conns.isPresent() && conns.get().isUnknown()) return true;
        if (conns.isEmpty() || !(conns.get() instanceof Value.Arr a)) continue;
        for (Value c : a.items()) {
          if (c.isUnknown() || dev.exfilguard.model.Paths.get(c, "properties.privateLinkServiceId").map(Value::isUnknown).orElse(false)) return true;
        }
      }
    }
    return false;
  }
}
