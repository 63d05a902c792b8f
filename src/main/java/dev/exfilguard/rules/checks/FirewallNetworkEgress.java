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
import dev.exfilguard.rules.network.ServiceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AMLX-31: a firewall network rule in an Allow collection lets ML compute reach a destination
 * that holds attacker-controlled endpoints on TCP 443: {@code AzureFrontDoor.Frontend},
 * {@code Internet}, {@code AzureCloud(.region)}, {@code *} or {@code 0.0.0.0/0}; or
 * {@code Storage(.region)} when a covered subnet lacks a valid SE+SEP (with one, storage traffic
 * takes the service endpoint and the rule never sees it). {@code AzureFrontDoor.FirstParty}
 * and {@code MicrosoftContainerRegistry} are what ML needs and stay silent. Ports other than
 * 443 are out of this rule's scope, as in the catalogue.
 */
public final class FirewallNetworkEgress implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    List<ComputeSubnets.ComputeSubnet> subnets = ComputeSubnets.of(graph);
    for (FirewallRule fr : FirewallRules.of(graph)) {
      if (fr.kind() != FirewallRules.Kind.NETWORK || fr.allows() != Tri.TRUE) continue;
      Tri tcp = tcp(fr);
      Tri port = FirewallRules.coversPort(fr.list("destinationPorts"), 443);
      if (tcp == Tri.FALSE || port == Tri.FALSE) continue;
      Coverage cov = null;
      for (Value d : fr.list("destinationAddresses")) {
        if (!(d instanceof Value.Str s)) continue;
        String token = ServiceTags.normalize(s.value());
        boolean storage = token.equals("storage") || token.startsWith("storage.");
        if (!storage && !open(token)) continue;
        if (cov == null) cov = FirewallRules.coverage(graph, fr, subnets);
        if (cov.covers() == Tri.FALSE) break;
        Severity severity = null;
        String note = "";
        if (storage) {
          Tri valid = cov.storageBypasses(graph);
          if (valid == Tri.TRUE) continue;
          if (cov.subnets().isEmpty()) {
            severity = Severity.INFO;
            note = "; no ML compute subnet is declared here, so whether its storage traffic takes a service endpoint with a policy (which bypasses this rule) cannot be told";
          } else if (valid == Tri.UNKNOWN) {
            severity = Severity.INFO;
            note = "; whether the covered subnets' service endpoint policies make storage traffic bypass the firewall depends on values not known here";
          } else {
            note = "; the covered subnets lack the Microsoft.Storage service endpoint with a policy holding the ML alias, so every storage account is reachable";
          }
        }
        if (cov.covers() == Tri.UNKNOWN) severity = Severity.INFO;
        String who = cov.who();
        if (tcp == Tri.UNKNOWN || port == Tri.UNKNOWN) {
          severity = Severity.INFO;
          note += "; whether it covers TCP 443 depends on values not known here";
        }
        String region = cov.subnets().stream().map(ComputeSubnets.ComputeSubnet::region).filter(r -> r != null).findFirst().orElse("<region>");
        String fix = storage
            ? "Remove the rule and give the compute subnet the Microsoft.Storage service endpoint with a service endpoint policy listing the workspace's storage accounts and "
                + ServiceEndpointPolicies.ML_ALIAS
            : "Remove " + s.value().trim() + "; allow only the service tags ML needs (AzureMachineLearning, BatchNodeManagement." + region
                + ", AzureFrontDoor.FirstParty, MicrosoftContainerRegistry." + region + ") and reach other hosts through application rules for "
                + FirewallBroadFqdn.requiredHosts(region);
        String msg = "Firewall " + fr.describe() + " allows " + who + " to reach " + s.value().trim() + " on TCP 443, "
            + reach(token) + note + ". " + fix;
        List<Hit.Related> related = new ArrayList<>();
        for (ComputeSubnets.ComputeSubnet mcs : cov.subnets()) related.add(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()));
        hits.add(new Hit(fr.address(), s.location(), fr.path() + ".destinationAddresses", msg, related, severity));
      }
    }
    return hits;
  }

  /** Destinations where anyone can run an endpoint. */
  static boolean open(String token) {
    return token.equals("*") || token.equals("0.0.0.0/0") || token.equals("any") || token.equals("internet")
        || token.equals(ServiceTags.AFD_FRONTEND) || token.equals("azurecloud") || token.startsWith("azurecloud.");
  }

  private static String reach(String token) {
    if (token.equals(ServiceTags.AFD_FRONTEND)) return "which includes every tenant's Front Door endpoints, an attacker's among them";
    if (token.startsWith("azurecloud")) return "which includes every Azure customer's public endpoints, an attacker's among them";
    if (token.startsWith("storage")) return "which includes every storage account, an attacker's among them";
    return "which is any host on the internet";
  }


  /** Whether the rule's protocols include TCP ({@code TCP} or {@code Any}); classic rules say protocols, policy rules ipProtocols. */
  private static Tri tcp(FirewallRule fr) {
    List<Value> protocols = new ArrayList<>(fr.list("protocols"));
    protocols.addAll(fr.list("ipProtocols"));
    if (protocols.isEmpty()) return Tri.UNKNOWN;
    boolean unknown = false;
    for (Value p : protocols) {
      if (p.isUnknown()) unknown = true;
      else if (p instanceof Value.Str s) {
        String t = s.value().trim().toLowerCase(Locale.ROOT);
        if (t.equals("tcp") || t.equals("any") || t.equals("*")) return Tri.TRUE;
      }
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }
}
