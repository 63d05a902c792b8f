package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-20: an ML compute subnet with no NSG, so nothing but the platform's AllowInternetOutBound
 * governs its egress. MEDIUM when a route steers internet traffic to a firewall.
 */
public final class ComputeSubnetWithoutNsg implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.nsg().isEmpty() || e.nsg().get().nsg() != null) continue;
      boolean steered = e.steered() == Tri.TRUE;
      String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + " but has no network security group, so the default rule "
          + "AllowInternetOutBound (65001) lets it reach any internet host"
          + (steered ? "; a route sends internet traffic to a firewall, which is then the only control" : "")
          + ". Attach an NSG that denies outbound Internet and allows only the required service tags";
      hits.add(new Hit(e.mcs().subnet().address(), e.mcs().subnet().location(), "properties.networkSecurityGroup", msg,
          List.of(new Hit.Related(e.mcs().users().get(0).location(), e.computes())), steered ? Severity.MEDIUM : null));
    }
    return hits;
  }
}
