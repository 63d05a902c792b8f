package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The private endpoints of a source that point at a resource: by the connection's
 * {@code privateLinkServiceId}, which names the target by reference, by a known ID, or by one
 * built from symbols.
 */
public final class PrivateEndpoints {
  private PrivateEndpoints() {}

  /**
   * A private endpoint declared in this source to the resource ID for one of the group IDs (lower
   * case): TRUE with it, UNKNOWN when an endpoint's target or groups depend on values known only
   * at deployment, FALSE when none does.
   */
  public static Found to(ResourceGraph graph, Value resourceId, Set<String> groupIds) {
    boolean maybe = false;
    for (Resource pe : graph.ofType("Microsoft.Network/privateEndpoints")) {
      for (String list : List.of("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")) {
        Optional<Value> conns = pe.at("properties." + list);
        if (conns.isPresent() && conns.get().isUnknown()) maybe = true;
        if (conns.isEmpty() || !(conns.get() instanceof Value.Arr a)) continue;
        for (Value c : a.items()) {
          if (c.isUnknown()) {
            maybe = true;
            continue;
          }
          Optional<Value> target = Paths.get(c, "properties.privateLinkServiceId");
          if (target.isEmpty()) continue;
          Term.Comparison same = ResourceId.compare(target.get(), resourceId);
          if (same == Term.Comparison.DIFFERENT) continue;
          Tri groups = groups(c, groupIds);
          if (same == Term.Comparison.SAME && groups == Tri.TRUE) return new Found(Tri.TRUE, pe);
          if (groups != Tri.FALSE) maybe = true;
        }
      }
    }
    return new Found(maybe ? Tri.UNKNOWN : Tri.FALSE, null);
  }

  /** The resource a private endpoint was found to, or whether one may be. */
  public record Found(Tri state, Resource endpoint) {}

  private static Tri groups(Value connection, Set<String> wanted) {
    Optional<Value> g = Paths.get(connection, "properties.groupIds");
    if (g.isEmpty()) return Tri.FALSE;
    if (g.get().isUnknown()) return Tri.UNKNOWN;
    Set<String> groups = new LinkedHashSet<>();
    boolean unknown = false;
    if (g.get() instanceof Value.Arr ga) {
      for (Value x : ga.items()) {
        if (x instanceof Value.Str s) groups.add(s.value().trim().toLowerCase(Locale.ROOT));
        else if (x.isUnknown()) unknown = true;
      }
    }
    if (groups.stream().anyMatch(wanted::contains)) return Tri.TRUE;
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  /** A blob or file private endpoint to the storage account: TRUE, or UNKNOWN when one may be. */
  public static Tri toStorage(ResourceGraph graph, Value accountId) {
    return to(graph, accountId, Set.of("blob", "file")).state();
  }
}
