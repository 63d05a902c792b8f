package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.FirewallRules;
import dev.exfilguard.rules.network.NsgVerdict;
import dev.exfilguard.rules.network.Probe;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AMLX-51: an environment image from {@code mcr.microsoft.com} while the compute subnet's egress
 * is locked and neither the NSG (TCP/443 to MicrosoftContainerRegistry and
 * AzureFrontDoor.FirstParty) nor a firewall (mcr.microsoft.com and *.data.mcr.microsoft.com)
 * lets compute pull it: jobs fail, and the usual reaction is to reopen egress.
 */
public final class McrImageWithoutEgress implements Check {
  private static final String MCR = "mcr.microsoft.com/";

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    List<Resource> environments = new ArrayList<>(graph.ofType("Microsoft.MachineLearningServices/workspaces/environments/versions"));
    environments.addAll(graph.ofType("Microsoft.MachineLearningServices/registries/environments/versions"));
    for (Resource env : environments) {
      if (env.existing()) continue;
      Optional<Value> image = env.at("properties.image");
      if (image.isEmpty() || !(image.get() instanceof Value.Str s) || !s.value().trim().toLowerCase(Locale.ROOT).startsWith(MCR)) continue;
      Term workspace = env.nameSegments().get(0);
      for (SubnetEgress e : SubnetEgress.of(graph)) {
        if (e.mcs().workspace().map(w -> w.nameTerm().compare(workspace, true) != Term.Comparison.SAME).orElse(false)) continue;
        if (e.declaredNsg().isEmpty()) continue;
        NsgVerdict internet = e.evaluate(Probe.internet());
        if (!internet.blocked() || !internet.certain()) continue;
        if (e.steered() == Tri.TRUE ? firewallAllowsMcr(graph) != Tri.FALSE : nsgAllowsMcr(e) != Tri.FALSE) continue;
        String region = e.mcs().region() != null ? e.mcs().region() : "<region>";
        String fix = e.steered() == Tri.TRUE
            ? "allow the FQDNs mcr.microsoft.com and *.data.mcr.microsoft.com on the firewall"
            : "allow outbound TCP 443 to MicrosoftContainerRegistry." + region + " and AzureFrontDoor.FirstParty on the NSG";
        hits.add(new Hit(env.address(), s.location(), "properties.image",
            "Environment " + env.shortName() + " uses the image " + s.value() + " from Microsoft Container Registry, but subnet "
                + e.subnetName() + " (" + e.computes() + ") cannot reach it: egress is locked and nothing allows the registry. To pull it, "
                + fix + dev.exfilguard.rules.Provenance.describe(s),
            List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName()),
                new Hit.Related(e.declaredNsg().get().nsg().location(), "network security group " + e.declaredNsg().get().nsg().shortName()))));
        break;
      }
    }
    return hits;
  }

  private static Tri nsgAllowsMcr(SubnetEgress e) {
    NsgVerdict mcr = e.evaluate(Probe.serviceTag("MicrosoftContainerRegistry", 443, e.mcs().region()));
    NsgVerdict frontDoor = e.evaluate(Probe.serviceTag("AzureFrontDoor.FirstParty", 443, null));
    if (mcr.allowed() && frontDoor.allowed()) return mcr.certain() && frontDoor.certain() ? Tri.TRUE : Tri.UNKNOWN;
    return Tri.FALSE;
  }

  private static Tri firewallAllowsMcr(ResourceGraph graph) {
    boolean registry = false;
    boolean data = false;
    boolean unknown = false;
    for (FirewallRules.FirewallRule r : FirewallRules.of(graph)) {
      if (r.kind() != FirewallRules.Kind.APPLICATION || r.allows() == Tri.FALSE) continue;
      List<Value> fqdns = new ArrayList<>(r.list("targetFqdns"));
      fqdns.addAll(r.list("destinationFqdns"));
      for (Value v : fqdns) {
        if (v.isUnknown()) unknown = true;
        if (!(v instanceof Value.Str s)) continue;
        String f = s.value().trim().toLowerCase(Locale.ROOT);
        if (f.equals("*") || f.equals("mcr.microsoft.com")) registry = true;
        if (f.equals("*") || f.equals("*.data.mcr.microsoft.com") || f.equals("*.mcr.microsoft.com")) data = true;
      }
    }
    if (registry && data) return Tri.TRUE;
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }
}
