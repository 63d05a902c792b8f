package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ComputeSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-11: an ML compute subnet without the {@code Microsoft.Storage} service endpoint. A
 * service endpoint policy filters only traffic that uses the endpoint, and Azure refuses to
 * attach a policy without it. Whether {@code Microsoft.Storage.Global} satisfies this is not
 * documented, so that case is an INFO note.
 */
public final class ComputeSubnetWithoutStorageEndpoint implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      Resource subnet = mcs.subnet();
      Optional<Value> list = Paths.get(subnet.body(), "properties.serviceEndpoints");
      if (list.isPresent() && list.get().isUnknown()) continue;
      boolean storage = false;
      boolean global = false;
      boolean unknown = false;
      if (list.isPresent() && list.get() instanceof Value.Arr a) {
        for (Value se : a.items()) {
          Optional<Value> service = Paths.get(se, "service");
          if (se.isUnknown() || service.map(Value::isUnknown).orElse(false)) unknown = true;
          String s = service.filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value().trim()).orElse("");
          if (s.equalsIgnoreCase("Microsoft.Storage")) storage = true;
          if (s.equalsIgnoreCase("Microsoft.Storage.Global")) global = true;
        }
      }
      if (storage || unknown) continue;
      boolean policy = !ComputeSubnets.policies(graph, subnet).isEmpty()
          || Paths.get(subnet.body(), "properties.serviceEndpointPolicies").filter(v -> v instanceof Value.Arr a && !a.items().isEmpty()).isPresent();
      String msg = "Subnet " + subnet.shortName() + " hosts " + mcs.describeUsers()
          + (global ? " and has the Microsoft.Storage.Global service endpoint, which may not be what a service endpoint policy needs"
              : " but has no Microsoft.Storage service endpoint")
          + (policy ? "; Azure will refuse the attached service endpoint policy without it" : ", so no service endpoint policy can narrow its storage egress")
          + ". Add the Microsoft.Storage service endpoint";
      hits.add(new Hit(subnet.address(), subnet.location(), "properties.serviceEndpoints", msg,
          List.of(new Hit.Related(mcs.users().get(0).location(), mcs.describeUsers())), global ? Severity.INFO : null));
    }
    return hits;
  }

}
