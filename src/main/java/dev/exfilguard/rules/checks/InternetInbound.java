package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.NsgVerdict;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-24: an inbound Allow from {@code *}, {@code Internet} or {@code 0.0.0.0/0} reaches the
 * ML compute subnet (probe P_IN) and no earlier Deny certainly stops it.
 */
public final class InternetInbound implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty()) continue;
      NsgVerdict v = e.evaluate(Probe.inboundInternet());
      if (!v.allowed() || v.rule() == null) continue;
      String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + "; its NSG " + e.declaredNsg().get().nsg().shortName()
          + (v.certain() ? " admits inbound traffic from the internet through " : " may admit inbound traffic from the internet through ")
          + v.describe() + ". Compute only needs inbound from the AzureMachineLearning tag on TCP 44224 (public-IP compute); restrict the source to it"
          + (v.farEnd() != null ? dev.exfilguard.rules.Provenance.describe(v.farEnd()) : "");
      hits.add(new Hit(v.rule().child().address(), v.farEnd() != null ? v.farEnd().location() : v.rule().location(),
          "properties.securityRules[" + v.rule().name() + "]", msg,
          List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
              new Hit.Related(v.rule().location(), "security rule " + v.rule().name())),
          v.certain() ? null : Severity.INFO));
    }
    return hits;
  }
}
