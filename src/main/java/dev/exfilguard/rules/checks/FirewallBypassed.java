package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.FirewallRules;
import dev.exfilguard.rules.network.FirewallRules.FirewallRule;
import dev.exfilguard.rules.network.ServiceTags;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AMLX-32: the source builds a firewall for ML (rules naming the hosts or service tags of the
 * data-exfiltration guidance) but an ML compute subnet has no {@code 0.0.0.0/0} route to a
 * virtual appliance, so its traffic never meets the firewall. A subnet whose route table is
 * Unknown or declared elsewhere is left alone. INFO: public-IP compute behind the firewall
 * without {@code AzureMachineLearning} and {@code BatchNodeManagement} routes to
 * {@code Internet}, whose management replies then leave through the firewall asymmetrically.
 */
public final class FirewallBypassed implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Optional<FirewallRule> mlRule = FirewallRules.of(graph).stream().filter(FirewallBypassed::mlLooking).findFirst();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      Resource subnet = e.mcs().subnet();
      if (e.steered() == Tri.FALSE && mlRule.isPresent()) {
        FirewallRule fr = mlRule.get();
        String why = e.routeTable().map(rt -> "its route table " + rt.shortName() + " has no 0.0.0.0/0 route to a VirtualAppliance")
            .orElse("it has no route table");
        String msg = "Subnet " + subnet.shortName() + " hosts " + e.computes() + ", and " + fr.describe()
            + " is written for ML egress, but " + why + ": compute traffic bypasses the firewall and only the subnet's NSG controls it. "
            + (e.routeTable().isPresent() ? "Add to " + e.routeTable().get().shortName() + " a route" : "Associate a route table with a route")
            + " 0.0.0.0/0, next hop type VirtualAppliance, next hop the firewall's private IP address";
        // a route table without the route is where the fix goes; otherwise the subnet
        Resource at = e.routeTable().orElse(subnet);
        hits.add(new Hit(at.address(), at.location(), e.routeTable().isPresent() ? "properties.routes" : "properties.routeTable", msg,
            List.of(new Hit.Related(subnet.location(), "subnet " + subnet.shortName()), new Hit.Related(fr.location(), fr.describe()))));
      } else if (e.steered() == Tri.TRUE && e.routeTable().isPresent()) {
        List<String> publicIp = publicIpUsers(e.mcs());
        if (publicIp.isEmpty()) continue;
        Resource rt = e.routeTable().get();
        List<String> missing = new ArrayList<>();
        Tri ml = internetRoute(graph, rt, "azuremachinelearning");
        Tri batch = internetRoute(graph, rt, "batchnodemanagement");
        if (ml == Tri.UNKNOWN || batch == Tri.UNKNOWN) continue;
        if (ml == Tri.FALSE) missing.add("AzureMachineLearning");
        if (batch == Tri.FALSE) missing.add("BatchNodeManagement" + (e.mcs().region() != null ? "." + e.mcs().region() : ".<region>"));
        if (missing.isEmpty()) continue;
        String msg = "Subnet " + subnet.shortName() + " sends internet traffic to a firewall through route table " + rt.shortName()
            + ", and " + String.join(", ", publicIp) + " has a public IP; without routes to " + String.join(" and ", missing)
            + " with next hop Internet, replies to the service's inbound management traffic leave through the firewall and are dropped. "
            + "Add those routes (next hop type Internet), or disable the compute's public IP";
        hits.add(new Hit(rt.address(), rt.location(), "properties.routes", msg,
            List.of(new Hit.Related(subnet.location(), "subnet " + subnet.shortName())), Severity.INFO));
      }
    }
    return hits;
  }

  /** Rules naming the FQDNs or service tags the ML guidance has a firewall allow. */
  static boolean mlLooking(FirewallRule fr) {
    if (fr.allows() != Tri.TRUE) return false;
    for (String property : List.of("targetFqdns", "destinationFqdns")) {
      for (Value v : fr.list(property)) {
        if (!(v instanceof Value.Str s)) continue;
        String f = s.value().trim().toLowerCase(Locale.ROOT);
        if (f.equals("ml.azure.com") || f.startsWith("automlresources-prod") || f.endsWith(".batch.azure.com")
            || f.equals("mcr.microsoft.com") || f.equals("*.data.mcr.microsoft.com")) {
          return true;
        }
      }
    }
    for (Value v : fr.list("destinationAddresses")) {
      if (!(v instanceof Value.Str s)) continue;
      String t = ServiceTags.normalize(s.value());
      if (t.equals("azuremachinelearning") || t.startsWith("azuremachinelearning.") || t.equals("batchnodemanagement")
          || t.startsWith("batchnodemanagement.")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> publicIpUsers(ComputeSubnets.ComputeSubnet mcs) {
    List<String> out = new ArrayList<>();
    for (Resource u : mcs.users()) {
      Optional<Value> pip = u.at("properties.properties.enableNodePublicIp");
      if (pip.isPresent() && pip.get() instanceof Value.Bool b && b.value()) out.add("compute " + u.shortName());
    }
    return out;
  }

  /** Whether the route table sends the service tag (global or regional) to Internet. */
  private static Tri internetRoute(ResourceGraph graph, Resource rt, String tag) {
    return SubnetEgress.anyRoute(graph, rt, (prefix, hop) -> {
      String t = ServiceTags.normalize(prefix);
      return hop.equalsIgnoreCase("Internet") && (t.equals(tag) || t.startsWith(tag + "."));
    });
  }
}
