package dev.exfilguard.rules.network;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure Firewall rules a source declares, in one shape whatever way they were written:
 * classic {@code azureFirewalls} rule collections (inline, as child resources, or azurerm's
 * standalone collections, also when their firewall is declared elsewhere) and Firewall Policy
 * rule collection groups ({@code ruleCollections[].rules[]} with {@code ruleType}). NAT
 * collections are left out: they translate inbound traffic and allow nothing outbound.
 */
public final class FirewallRules {
  private FirewallRules() {}

  public enum Kind {
    APPLICATION,
    NETWORK
  }

  /**
   * One rule and the collection it sits in.
   *
   * @param owner the resource that holds the collection (firewall, rule collection group or
   *     standalone collection)
   * @param address where a reviewer finds the collection (a standalone collection's own address)
   * @param action the collection's {@code action.type}; null when absent
   * @param body the rule object
   */
  public record FirewallRule(Kind kind, Resource owner, String address, String collection, Value action, Value.Obj body, String path) {

    public String name() {
      return body.get("name").filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value()).orElse("(unnamed)");
    }

    public Location location() {
      return body.location();
    }

    /** TRUE for an Allow collection, UNKNOWN when the action is Unknown. */
    public Tri allows() {
      if (action == null) return Tri.FALSE;
      if (action.isUnknown()) return Tri.UNKNOWN;
      return Tri.of(action instanceof Value.Str s && s.value().trim().equalsIgnoreCase("Allow"));
    }

    /** The items of a list property of the rule; an Unknown list is one Unknown item. */
    public List<Value> list(String property) {
      Optional<Value> v = body.get(property);
      if (v.isEmpty() || v.get() instanceof Value.Null) return List.of();
      if (v.get() instanceof Value.Arr a) return a.items();
      return List.of(v.get());
    }

    /** "application rule aml in collection aml-app of firewall fw-hub", for messages. */
    public String describe() {
      String what = owner.isType("Microsoft.Network/firewallPolicies/ruleCollectionGroups") ? "rule collection group " : "firewall ";
      return (kind == Kind.APPLICATION ? "application rule " : "network rule ") + name() + " in collection " + collection
          + " of " + what + ownerName();
    }

    private String ownerName() {
      if (owner.isType("Microsoft.Network/firewallPolicies/ruleCollectionGroups")) return owner.name();
      return owner.nameSegments().get(0).render();
    }
  }

  public static List<FirewallRule> of(ResourceGraph graph) {
    List<FirewallRule> out = new ArrayList<>();
    for (Resource fw : graph.ofType("Microsoft.Network/azureFirewalls")) {
      if (fw.existing()) continue;
      classic(graph, fw, Kind.APPLICATION, "applicationRuleCollections", out);
      classic(graph, fw, Kind.NETWORK, "networkRuleCollections", out);
    }
    // azurerm's standalone collections whose firewall is declared elsewhere
    for (Map.Entry<String, List<Resource>> e : graph.orphans("Microsoft.Network/azureFirewalls", "applicationRuleCollections").entrySet()) {
      for (Resource c : e.getValue()) standalone(c, Kind.APPLICATION, out);
    }
    for (Map.Entry<String, List<Resource>> e : graph.orphans("Microsoft.Network/azureFirewalls", "networkRuleCollections").entrySet()) {
      for (Resource c : e.getValue()) standalone(c, Kind.NETWORK, out);
    }
    for (Resource rcg : graph.ofType("Microsoft.Network/firewallPolicies/ruleCollectionGroups")) {
      if (rcg.existing()) continue;
      Optional<Value> cols = rcg.at("properties.ruleCollections");
      if (cols.isEmpty() || !(cols.get() instanceof Value.Arr a)) continue;
      int i = 0;
      for (Value col : a.items()) {
        int index = i++;
        if (!(col instanceof Value.Obj c)) continue;
        Optional<Value> type = c.get("ruleCollectionType");
        if (type.isPresent() && type.get() instanceof Value.Str t && !t.value().trim().equalsIgnoreCase("FirewallPolicyFilterRuleCollection")) continue;
        String name = string(c.get("name")).orElse(Integer.toString(index));
        Value action = Paths.get(c, "action.type").orElse(null);
        Optional<Value> rules = c.get("rules");
        if (rules.isEmpty() || !(rules.get() instanceof Value.Arr ra)) continue;
        for (Value r : ra.items()) {
          if (!(r instanceof Value.Obj ro)) continue;
          String ruleType = string(ro.get("ruleType")).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
          Kind kind = ruleType.equals("applicationrule") ? Kind.APPLICATION : ruleType.equals("networkrule") ? Kind.NETWORK : null;
          if (kind == null) continue;
          out.add(new FirewallRule(kind, rcg, rcg.address(), name, action, ro,
              "properties.ruleCollections[" + name + "].rules[" + string(ro.get("name")).orElse("?") + "]"));
        }
      }
    }
    return out;
  }

  private static void classic(ResourceGraph graph, Resource fw, Kind kind, String property, List<FirewallRule> out) {
    for (ResourceGraph.Child c : graph.children(fw, property)) {
      Value action = Paths.get(c.body(), "properties.action.type").orElse(null);
      Optional<Value> rules = Paths.get(c.body(), "properties.rules");
      if (rules.isEmpty() || !(rules.get() instanceof Value.Arr a)) continue;
      for (Value r : a.items()) {
        if (r instanceof Value.Obj ro) {
          out.add(new FirewallRule(kind, fw, c.address(), c.name(), action, ro,
              "properties." + property + "[" + c.name() + "].properties.rules[" + string(ro.get("name")).orElse("?") + "]"));
        }
      }
    }
  }

  private static void standalone(Resource c, Kind kind, List<FirewallRule> out) {
    if (c.existing()) return;
    Value action = c.at("properties.action.type").orElse(null);
    Optional<Value> rules = c.at("properties.rules");
    if (rules.isEmpty() || !(rules.get() instanceof Value.Arr a)) return;
    for (Value r : a.items()) {
      if (r instanceof Value.Obj ro) {
        out.add(new FirewallRule(kind, c, c.address(), c.shortName(), action, ro, "properties.rules[" + string(ro.get("name")).orElse("?") + "]"));
      }
    }
  }

  /**
   * Which ML compute subnets a rule's sources cover, given whether the source has any: with ML
   * compute subnets, {@code *} and CIDRs containing a subnet's prefixes do; without any (a hub
   * firewall scanned on its own) only {@code *} does, since nothing ties a CIDR to ML compute.
   * IP groups are resolved when this source declares them.
   */
  public static Coverage coverage(ResourceGraph graph, FirewallRule rule, List<ComputeSubnets.ComputeSubnet> subnets) {
    List<Value> sources = new ArrayList<>(rule.list("sourceAddresses"));
    boolean unresolvedGroup = false;
    for (Value g : rule.list("sourceIpGroups")) {
      Optional<Resource> group = graph.resolve(g);
      Optional<Value> addresses = group.flatMap(r -> r.at("properties.ipAddresses"));
      if (addresses.isPresent() && addresses.get() instanceof Value.Arr a) sources.addAll(a.items());
      else unresolvedGroup = true;
    }
    if (sources.isEmpty() && !unresolvedGroup) return new Coverage(List.of(), Tri.UNKNOWN, "it names no source addresses");
    boolean any = false;
    boolean unknown = unresolvedGroup;
    for (Value v : sources) {
      if (v.isUnknown()) unknown = true;
      else if (v instanceof Value.Str s && isAny(s.value())) any = true;
    }
    if (subnets.isEmpty()) {
      if (any) return new Coverage(List.of(), Tri.TRUE, null);
      return new Coverage(List.of(), unknown ? Tri.UNKNOWN : Tri.FALSE, unresolvedGroup ? "its IP groups are not declared here" : null);
    }
    List<ComputeSubnets.ComputeSubnet> covered = new ArrayList<>();
    boolean maybe = false;
    for (ComputeSubnets.ComputeSubnet mcs : subnets) {
      if (any) {
        covered.add(mcs);
        continue;
      }
      List<Cidr> prefixes = mcs.prefixes();
      boolean hit = false;
      for (Value v : sources) {
        if (!(v instanceof Value.Str s)) continue;
        Optional<Cidr> c = Cidr.parse(s.value());
        if (c.isEmpty()) continue;
        if (prefixes.isEmpty()) maybe = true;
        else if (prefixes.stream().allMatch(c.get()::contains)) hit = true;
      }
      if (hit) covered.add(mcs);
    }
    if (!covered.isEmpty()) return new Coverage(covered, Tri.TRUE, null);
    return new Coverage(List.of(), unknown || maybe ? Tri.UNKNOWN : Tri.FALSE,
        unresolvedGroup ? "its IP groups are not declared here" : null);
  }

  /**
   * @param subnets the covered ML compute subnets (empty for a hub rule judged on its own)
   * @param covers TRUE, FALSE, or UNKNOWN when the sources cannot be resolved
   * @param why what could not be resolved, for INFO notes; null otherwise
   */
  public record Coverage(List<ComputeSubnets.ComputeSubnet> subnets, Tri covers, String why) {

    /**
     * Whether every covered subnet sends storage traffic through the Microsoft.Storage service
     * endpoint with a policy holding the ML alias (so it bypasses the firewall); UNKNOWN when no
     * subnet is declared here or a subnet's answer depends on Unknown values.
     */
    public Tri storageBypasses(ResourceGraph graph) {
      if (subnets.isEmpty()) return Tri.UNKNOWN;
      Tri valid = Tri.TRUE;
      for (ComputeSubnets.ComputeSubnet mcs : subnets) {
        Tri t = ServiceEndpointPolicies.validOn(graph, mcs);
        if (t == Tri.FALSE) return Tri.FALSE;
        if (t == Tri.UNKNOWN) valid = Tri.UNKNOWN;
      }
      return valid;
    }

    /** Who the rule applies to, for messages. */
    public String who() {
      return covers == Tri.UNKNOWN ? "sources that cannot be resolved here (" + (why != null ? why : "Unknown values") + ")" : describe(this);
    }
  }

  public static boolean isAny(String address) {
    String t = address.trim();
    return t.equals("*") || t.equals("0.0.0.0/0") || t.equalsIgnoreCase("any");
  }

  /** Whether a port list ({@code "443"}, {@code "440-450"}, {@code "*"}, numbers) covers the port. */
  public static Tri coversPort(List<Value> ports, int port) {
    return Ports.cover(ports, port);
  }

  /** "snet-compute (compute cpu-cluster)" for each covered subnet, or the hub wording. */
  public static String describe(Coverage c) {
    if (c.subnets().isEmpty()) return "any source (*), which includes ML compute wherever it is routed through this firewall";
    List<String> parts = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : c.subnets()) parts.add("subnet " + mcs.subnet().shortName() + " (" + mcs.describeUsers() + ")");
    return String.join(", ", parts);
  }

  static Optional<String> string(Optional<Value> v) {
    return v.filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value());
  }
}
