package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SecurityRule;
import dev.exfilguard.rules.network.ServiceTags;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;

/**
 * AMLX-22: ML compute can reach {@code AzureFrontDoor.Frontend} (probe P_AFD) through a rule
 * that names that tag, or {@code AzureCloud}, which may include it. Every such Allow is
 * reported, also where compute can already reach any internet host (AMLX-21): each has its own
 * fix, and closing the internet must not leave a reviewer to meet this one on the next run. An
 * allow to the internet itself ({@code Internet}, {@code *}) is AMLX-21's alone, and an
 * {@code AzureCloud} allow is noted here only once the internet is closed. An outbound allow to
 * {@code AzureFrontDoor.Backend}, an inbound-origin tag, is an INFO note.
 */
public final class FrontDoorEgress implements Check {

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty()) continue;
      boolean internetOpen = e.evaluate(Probe.internet()).allowed();
      String nsgName = e.declaredNsg().get().nsg().shortName();
      Probe afd = Probe.frontDoor();
      // every Allow that reaches Front Door is reported, not only the first: each must go
      for (SecurityRule r : e.declaredNsg().get().rules()) {
        Tri m = r.matches(afd, e.prefixes());
        if (m == Tri.FALSE || r.isAllow() == Tri.FALSE || r.isDeny() == Tri.TRUE) continue;
        if (!(r.farEnd(afd).orElse(null) instanceof Value.Str tag)) continue;
        String token = ServiceTags.normalize(tag.value());
        boolean viaAzureCloud = token.equals("azurecloud");
        if (!token.equals(ServiceTags.AFD_FRONTEND) && !(viaAzureCloud && !internetOpen)) continue;
        if (e.declaredNsg().get().firstDenyBefore(r, afd, e.prefixes()).isPresent()) continue;
        boolean certain = m == Tri.TRUE && r.isAllow() == Tri.TRUE && r.knownPriority().isPresent();
        boolean lowered = viaAzureCloud || !certain || e.steered() == Tri.TRUE;
        String prio = r.knownPriority().map(p -> "priority " + p).orElse("an unknown priority");
        String msg = "Subnet " + e.subnetName() + " hosts " + e.computes() + "; its NSG " + nsgName + " allows outbound to "
            + tag.value() + " at " + prio + " (rule " + r.name() + ") and no Deny precedes it"
            + (viaAzureCloud ? ", and AzureCloud may include Azure Front Door's frontends" : "")
            + (e.steered() == Tri.TRUE ? " (a route sends internet traffic to a firewall)" : "")
            + ": compute can upload data to any Front Door endpoint, including an attacker's. Remove the rule and allow the FQDNs "
            + "ml.azure.com and automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net on a firewall instead";
        hits.add(hit(r, tag, e, nsgName, msg + dev.exfilguard.rules.Provenance.describe(tag), lowered ? Severity.INFO : null));
      }
      for (SecurityRule r : e.declaredNsg().get().rules()) {
        if (r.isOutbound() != Tri.TRUE || r.isAllow() != Tri.TRUE) continue;
        for (Value d : r.destinations()) {
          if (d instanceof Value.Str s && ServiceTags.normalize(s.value()).equals("azurefrontdoor.backend")) {
            hits.add(hit(r, d, e, nsgName, "NSG " + nsgName + " on subnet " + e.subnetName() + " allows outbound to " + s.value()
                + " (rule " + r.name() + "), a tag meant for inbound traffic from Front Door to its origins; compute does not need it",
                Severity.INFO));
          }
        }
      }
    }
    return hits;
  }

  private static Hit hit(SecurityRule r, Value at, SubnetEgress e, String nsgName, String msg, Severity severity) {
    return new Hit(r.child().address(), at.location(), "properties.securityRules[" + r.name() + "]", msg,
        List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
            new Hit.Related(e.declaredNsg().get().nsg().location(), "network security group " + nsgName),
            new Hit.Related(r.location(), "security rule " + r.name())),
        severity);
  }
}
