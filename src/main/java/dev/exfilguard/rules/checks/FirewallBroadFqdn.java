package dev.exfilguard.rules.checks;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.rules.network.FirewallRules;
import dev.exfilguard.rules.network.FirewallRules.Coverage;
import dev.exfilguard.rules.network.FirewallRules.FirewallRule;
import dev.exfilguard.rules.network.ServiceEndpointPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AMLX-30: a firewall application rule in an Allow collection lets ML compute reach any host
 * ({@code *}, or every host under a top-level domain an attacker can register in: HIGH), any
 * Front Door or CDN endpoint or any storage account ({@code *.azurefd.net},
 * {@code *.azureedge.net}, {@code *.core.windows.net}: MEDIUM). Wildcards for one storage
 * service ({@code *.blob.core.windows.net}) are MEDIUM only when a covered subnet lacks a
 * valid SE+SEP: with one, storage traffic takes the service endpoint and never reaches the
 * firewall, so the rule is an INFO note. Unresolvable sources are INFO notes.
 */
public final class FirewallBroadFqdn implements Check {
  /** Zones where anyone can host an endpoint: any wildcard inside them reaches an attacker's. */
  private static final List<String> OPEN_ZONES = List.of("azurefd.net", "azureedge.net", "core.windows.net");
  private static final Set<String> STORAGE_SERVICES = Set.of("blob", "queue", "table", "file", "dfs");

  enum Breadth {
    ANY,
    OPEN_ZONE,
    STORAGE
  }

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    List<ComputeSubnets.ComputeSubnet> subnets = ComputeSubnets.of(graph);
    for (FirewallRule fr : FirewallRules.of(graph)) {
      if (fr.kind() != FirewallRules.Kind.APPLICATION || fr.allows() != Tri.TRUE) continue;
      Coverage cov = null;
      for (Value fqdn : fr.list("targetFqdns")) {
        if (!(fqdn instanceof Value.Str s)) continue;
        Breadth b = breadth(s.value());
        if (b == null) continue;
        if (cov == null) cov = FirewallRules.coverage(graph, fr, subnets);
        if (cov.covers() == Tri.FALSE) break;
        hits.add(hit(graph, fr, s, b, cov));
      }
    }
    return hits;
  }

  private static Hit hit(ResourceGraph graph, FirewallRule fr, Value.Str fqdn, Breadth b, Coverage cov) {
    String target = fqdn.value().trim();
    Severity severity = b == Breadth.ANY ? null : Severity.MEDIUM;
    String reach = switch (b) {
      case ANY -> target.equals("*") ? "any host on the internet" : "any host under ." + target.substring(target.lastIndexOf('.') + 1) + ", where anyone can register a domain";
      case OPEN_ZONE -> "any endpoint under " + target.substring(2) + ", including ones an attacker creates";
      case STORAGE -> "any storage account's " + target.substring(2, target.indexOf('.', 2)) + " endpoint, including an attacker's";
    };
    String note = "";
    if (b == Breadth.STORAGE) {
      Tri valid = cov.storageBypasses(graph);
      if (cov.subnets().isEmpty()) {
        severity = Severity.INFO;
        note = "; no ML compute subnet is declared here, so whether its storage traffic takes a service endpoint with a policy (which bypasses this rule) cannot be told";
      } else if (valid == Tri.TRUE) {
        severity = Severity.INFO;
        note = "; the covered subnets have the Microsoft.Storage service endpoint and a policy with the ML alias, so their storage traffic bypasses this rule";
      } else if (valid == Tri.UNKNOWN) {
        severity = Severity.INFO;
        note = "; whether the covered subnets' service endpoint policies make storage traffic bypass the firewall depends on values not known here";
      } else {
        note = "; the covered subnets lack the Microsoft.Storage service endpoint with a policy holding the ML alias, so this rule is what their storage traffic meets";
      }
    }
    if (cov.covers() == Tri.UNKNOWN) severity = Severity.INFO;
    String who = cov.who();
    String region = cov.subnets().stream().map(ComputeSubnets.ComputeSubnet::region).filter(r -> r != null).findFirst().orElse("<region>");
    String fix = switch (b) {
      case ANY, OPEN_ZONE -> "Replace " + target + " with the hosts ML needs: " + requiredHosts(region);
      case STORAGE -> severity == Severity.INFO && !cov.subnets().isEmpty() && cov.covers() == Tri.TRUE
          ? "ML compute does not need " + target + " on the firewall; remove it unless other sources do"
          : "Remove " + target + " and give the compute subnet the Microsoft.Storage service endpoint with a service endpoint "
              + "policy listing the workspace's storage accounts and " + ServiceEndpointPolicies.ML_ALIAS;
    };
    String msg = "Firewall " + fr.describe() + " allows " + who + " to reach " + reach + " (" + target + ")" + note + ". " + fix;
    List<Hit.Related> related = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : cov.subnets()) related.add(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()));
    return new Hit(fr.address(), fqdn.location(), fr.path() + ".targetFqdns", msg, related, severity);
  }

  /** The FQDNs the data-exfiltration guidance has ML compute reach through a firewall. */
  public static String requiredHosts(String region) {
    return "ml.azure.com, automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net, *." + region + ".batch.azure.com, *." + region
        + ".service.batch.azure.com, mcr.microsoft.com and *.data.mcr.microsoft.com";
  }

  /** How far a target FQDN reaches; null for a named host or a wildcard that stays within one owner's domain. */
  static Breadth breadth(String raw) {
    String f = raw.trim().toLowerCase(Locale.ROOT);
    if (f.equals("*")) return Breadth.ANY;
    if (!f.startsWith("*")) return null;
    String zone = f.startsWith("*.") ? f.substring(2) : f.substring(1);
    if (zone.startsWith(".")) zone = zone.substring(1);
    if (zone.isEmpty()) return Breadth.ANY;
    // *.com, *.net: every domain under a top-level domain, which anyone can register
    if (!zone.contains(".")) return Breadth.ANY;
    for (String open : OPEN_ZONES) {
      if (open.equals(zone) || open.endsWith("." + zone)) return Breadth.OPEN_ZONE;
    }
    // *.b02.azurefd.net, *.z01.azureedge.net: customer endpoints of every tenant live there
    if (zone.endsWith(".azurefd.net") || zone.endsWith(".azureedge.net")) return Breadth.OPEN_ZONE;
    int dot = zone.indexOf('.');
    if (zone.substring(dot + 1).equals("core.windows.net") && STORAGE_SERVICES.contains(zone.substring(0, dot))) return Breadth.STORAGE;
    return null;
  }
}
