package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.Links;
import dev.exfilguard.rules.network.ManagedNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EXFG-03: a compute whose subnet, or an ML compute subnet whose NSG, route table or service
 * endpoint policy, is named by an ID that may or may not be a resource of this source, depending
 * on values known only at deployment. One note per resource, naming the inputs that decide it.
 */
public final class UndecidedLinks implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource c : ManagedNetwork.vmComputes(graph)) {
      Optional<Value> id = c.at("properties.properties.subnet.id");
      if (id.isEmpty()) continue;
      Links.undecided(graph, id.get(), Links.SUBNET).ifPresent(why -> hits.add(new Hit(c.address(), id.get().location(),
          "properties.properties.subnet.id", "Compute " + c.shortName() + " names subnet " + why
              + "; until they are known, that subnet's network rules are not applied to this compute", List.of())));
    }
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      Resource subnet = mcs.subnet();
      List<String> parts = new ArrayList<>();
      Value at = null;
      for (String[] link : new String[][] {
          {"properties.networkSecurityGroup.id", Links.NSG, "network security group"},
          {"properties.routeTable.id", Links.ROUTE_TABLE, "route table"}}) {
        Optional<Value> id = Paths.get(subnet.body(), link[0]);
        if (id.isEmpty()) continue;
        Optional<String> why = Links.undecided(graph, id.get(), link[1]);
        if (why.isPresent()) {
          parts.add("its " + link[2] + " " + why.get());
          if (at == null) at = id.get();
        }
      }
      Optional<Value> policies = Paths.get(subnet.body(), "properties.serviceEndpointPolicies");
      if (policies.isPresent() && policies.get() instanceof Value.Arr a) {
        for (Value item : a.items()) {
          Optional<Value> id = Paths.get(item, "id");
          if (id.isEmpty()) continue;
          Optional<String> why = Links.undecided(graph, id.get(), Links.POLICY);
          if (why.isPresent()) {
            parts.add("its service endpoint policy " + why.get());
            if (at == null) at = id.get();
          }
        }
      }
      if (parts.isEmpty()) continue;
      hits.add(new Hit(subnet.address(), at.location(), "properties", "Subnet " + subnet.shortName() + " hosts " + mcs.describeUsers()
          + "; " + String.join("; ", parts) + "; until they are known, the rules that depend on those links are not applied to it", List.of()));
    }
    return hits;
  }
}
