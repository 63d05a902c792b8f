package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.NsgVerdict;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-26: internet egress is locked down but a service tag that ML compute needs is blocked
 * too, so jobs and compute provisioning fail: BatchNodeManagement.&lt;region&gt; (443),
 * AzureMachineLearning (TCP 443) and Storage.&lt;region&gt; (TCP 443); the global tags satisfy
 * the requirement as well. When a route sends internet traffic to a firewall, the firewall's
 * rules decide instead, and this rule stays silent.
 */
public final class RequiredEgressMissing implements Check {
  private static final List<String> REQUIRED = List.of("BatchNodeManagement", "AzureMachineLearning", "Storage");

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty() || e.steered() != Tri.FALSE) continue;
      NsgVerdict internet = e.evaluate(Probe.internet());
      if (!internet.blocked() || !internet.certain()) continue;
      // one finding per subnet, naming every required tag the NSG blocks
      List<String> missing = new ArrayList<>();
      NsgVerdict first = null;
      for (String tag : REQUIRED) {
        NsgVerdict v = e.evaluate(Probe.serviceTag(tag, 443, e.mcs().region()));
        if (!v.blocked() || !v.certain()) continue;
        missing.add(tag.equals("AzureMachineLearning") ? tag : tag + "." + (e.mcs().region() != null ? e.mcs().region() : "<region>"));
        if (first == null) first = v;
      }
      if (first == null) continue;
      String list = String.join(", ", missing);
      String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + "; its NSG " + e.declaredNsg().get().nsg().shortName()
          + " blocks outbound to " + list + " on 443 through " + first.describe()
          + ", which compute needs: jobs and provisioning fail. Add outbound Allows to " + list
          + " on 443 at lower priority numbers than the Deny";
      hits.add(new Hit(first.rule().child().address(), first.farEnd() != null ? first.farEnd().location() : first.rule().location(),
          "properties.securityRules[" + first.rule().name() + "]", msg,
          List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
              new Hit.Related(first.rule().location(), "security rule " + first.rule().name()))));
    }
    return hits;
  }
}
