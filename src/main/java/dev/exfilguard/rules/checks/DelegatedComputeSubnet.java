package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.network.ComputeSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** AMLX-17: an ML compute subnet delegated to another service, which ML compute does not support. */
public final class DelegatedComputeSubnet implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      Optional<Value> d = Paths.get(mcs.subnet().body(), "properties.delegations");
      if (d.isEmpty() || !(d.get() instanceof Value.Arr a) || a.items().isEmpty()) continue;
      Value first = a.items().get(0);
      String service = Paths.get(first, "properties.serviceName").filter(Value.Str.class::isInstance)
          .map(v -> ((Value.Str) v).value()).orElse("another service");
      hits.add(new Hit(mcs.subnet().address(), first.location(), "properties.delegations",
          "Subnet " + mcs.subnet().shortName() + " hosts " + mcs.describeUsers() + " but is delegated to " + service
              + "; Azure ML compute needs a subnet that is not delegated. Move the compute to its own subnet",
          List.of(new Hit.Related(mcs.users().get(0).location(), mcs.describeUsers()))));
    }
    return hits;
  }
}
