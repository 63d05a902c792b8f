package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What controls the egress of one ML compute subnet: its effective NSG (or none, or one that
 * cannot be resolved), its address prefixes, and whether a route table steers internet-bound
 * traffic to a firewall or appliance.
 *
 * @param nsg empty when the subnet names an NSG that cannot be resolved
 * @param steered TRUE when a {@code 0.0.0.0/0} route goes to a VirtualAppliance (or None):
 *     NSG-level internet findings then drop to INFO and the firewall rules apply instead
 */
public record SubnetEgress(
    ComputeSubnets.ComputeSubnet mcs, Optional<EffectiveNsg> nsg, List<Cidr> prefixes, Tri steered, Optional<Resource> routeTable) {

  public static List<SubnetEgress> of(ResourceGraph graph) {
    return graph.derived("rules.network.SubnetEgress", () -> compute(graph));
  }

  private static List<SubnetEgress> compute(ResourceGraph graph) {
    List<SubnetEgress> out = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      Optional<Resource> rt = routeTable(graph, mcs.subnet());
      out.add(new SubnetEgress(mcs, ComputeSubnets.nsg(graph, mcs.subnet()), mcs.prefixes(), steered(graph, mcs.subnet(), rt), rt));
    }
    return List.copyOf(out);
  }

  /** The subnet's NSG when it names one this source declares; empty for none or an unresolved one. */
  public Optional<EffectiveNsg> declaredNsg() {
    return nsg.filter(n -> n.nsg() != null);
  }

  public NsgVerdict evaluate(Probe p) {
    return nsg.map(n -> n.evaluate(p, prefixes)).orElse(new NsgVerdict(NsgVerdict.Outcome.UNKNOWN, null, null, null, false));
  }

  /** The subnet's name for messages. */
  public String subnetName() {
    return mcs.subnet().shortName();
  }

  /** "compute cpu-cluster" or "computes cpu-cluster, ci-01", for messages. */
  public String computes() {
    return mcs.describeUsers();
  }

  private static Optional<Resource> routeTable(ResourceGraph graph, Resource subnet) {
    return Paths.get(subnet.body(), "properties.routeTable.id").flatMap(graph::resolve);
  }

  private static Tri steered(ResourceGraph graph, Resource subnet, Optional<Resource> rt) {
    Optional<Value> id = Paths.get(subnet.body(), "properties.routeTable.id");
    if (id.isEmpty() || id.get() instanceof Value.Null) return Tri.FALSE;
    if (rt.isEmpty()) return Tri.UNKNOWN;
    return anyRoute(graph, rt.get(), (prefix, hop) -> {
      String t = hop.toLowerCase(Locale.ROOT);
      return prefix.equals("0.0.0.0/0") && (t.equals("virtualappliance") || t.equals("none"));
    });
  }

  /**
   * Whether some route of the table has a known address prefix and next hop type (both trimmed)
   * that the test accepts; UNKNOWN when a route with Unknown values might.
   */
  public static Tri anyRoute(ResourceGraph graph, Resource routeTable, java.util.function.BiPredicate<String, String> test) {
    boolean unknown = false;
    for (ResourceGraph.Child route : graph.children(routeTable, "routes")) {
      Optional<Value> prefix = Paths.get(route.body(), "properties.addressPrefix");
      Optional<Value> hop = Paths.get(route.body(), "properties.nextHopType");
      if (prefix.isEmpty() || hop.isEmpty()) continue;
      if (prefix.get().isUnknown() || hop.get().isUnknown()) {
        unknown = true;
        continue;
      }
      if (prefix.get() instanceof Value.Str p && hop.get() instanceof Value.Str h && test.test(p.value().trim(), h.value().trim())) {
        return Tri.TRUE;
      }
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }
}
