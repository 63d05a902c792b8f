package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.NsgVerdict;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-21: the ML compute subnet's NSG lets compute reach an arbitrary internet host on
 * TCP/443 (probe P_NET), through a custom rule or the default AllowInternetOutBound. A subnet
 * without an NSG is AMLX-20's. INFO when a route steers internet traffic to a firewall.
 */
public final class ComputeSubnetInternetEgress implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty()) continue;
      NsgVerdict v = e.evaluate(Probe.internet());
      if (!v.allowed()) continue;
      String nsgName = e.declaredNsg().get().nsg().shortName();
      boolean steered = e.steered() == Tri.TRUE;
      Location at = v.rule() != null ? (v.farEnd() != null ? v.farEnd().location() : v.rule().location()) : e.declaredNsg().get().nsg().location();
      String address = v.rule() != null ? v.rule().child().address() : e.declaredNsg().get().nsg().address();
      String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + "; its NSG " + nsgName
          + (v.certain() ? " lets it reach any internet host through " : " may let it reach any internet host (values known only at deployment decide) through ")
          + v.describe() + (v.rule() != null ? "" : ": no outbound Deny precedes it")
          + (steered ? " (a route sends internet traffic to a firewall, whose rules then decide)" : "")
          + ". Add an outbound Deny to Internet (e.g. priority 4000) below the required service-tag allows";
      String path = v.rule() != null ? "properties.securityRules[" + v.rule().name() + "]" : "properties.securityRules";
      hits.add(new Hit(address, at, path, msg,
          List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
              new Hit.Related(e.declaredNsg().get().nsg().location(), "network security group " + nsgName)),
          steered || !v.certain() ? Severity.INFO : null));
    }
    return hits;
  }
}
