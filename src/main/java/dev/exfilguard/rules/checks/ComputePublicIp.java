package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.rules.network.ManagedNetwork.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-02: a compute cluster or instance that gets a public IP ({@code enableNodePublicIp} true,
 * or omitted, which the readers turn into a DEFAULT true). In a workspace with a managed network
 * the node sits in Microsoft's managed VNet, whose inbound path Azure controls, so the finding is
 * an INFO note there instead of LOW.
 */
public final class ComputePublicIp implements Check {
  static final String PATH = "properties.properties.enableNodePublicIp";

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource c : ManagedNetwork.vmComputes(graph)) {
      Optional<Value> v = c.at(PATH);
      if (v.isEmpty() || !isTrue(v.get())) continue;
      String message = rule.render(c, v.get(), PATH);
      Isolation iso = ManagedNetwork.ofCompute(graph, c);
      if (!iso.mode().managed()) {
        hits.add(new Hit(c.address(), v.get().location(), PATH, message, List.of()));
        continue;
      }
      hits.add(new Hit(c.address(), v.get().location(), PATH,
          message + "; " + iso.describe() + " uses a managed network, where Azure controls inbound access to the node,"
              + " so this is advisory: set enableNodePublicIp to false (Terraform: node_public_ip_enabled = false)"
              + " to drop the public address",
          List.of(new Hit.Related(iso.value().location(), "workspace " + iso.workspace().shortName())), Severity.INFO));
    }
    return hits;
  }

  /** {@code true}, or the string "true" that ARM and Terraform also accept; Unknown is not true. */
  private static boolean isTrue(Value v) {
    if (v instanceof Value.Bool b) return b.value();
    return v instanceof Value.Str s && s.value().trim().equalsIgnoreCase("true");
  }
}
