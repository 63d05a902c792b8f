package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * AMLX-14: the service endpoint policies on an ML compute subnet do not list the workspace's
 * default storage account in a {@code Microsoft.Storage} definition, so compute cannot reach
 * it through the endpoint. INFO when that account has a blob or file private endpoint, since
 * private-endpoint traffic is not subject to the policy. IDs are compared by provider type and
 * name, case-insensitively.
 */
public final class PolicyWithoutWorkspaceStorage implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      List<Resource> seps = ComputeSubnets.policies(graph, mcs.subnet());
      Optional<String> storage = mcs.defaultStorageId();
      if (seps.isEmpty() || storage.isEmpty()) continue;
      Tri listed = Tri.FALSE;
      for (Resource sep : seps) {
        Tri t = lists(sep, storage.get());
        if (t == Tri.TRUE) listed = Tri.TRUE;
        else if (t == Tri.UNKNOWN && listed == Tri.FALSE) listed = Tri.UNKNOWN;
      }
      if (listed != Tri.FALSE) continue;
      boolean privateEndpoint = hasPrivateEndpoint(graph, storage.get());
      Resource sep = seps.get(0);
      String account = storage.get().substring(storage.get().lastIndexOf('/') + 1);
      String msg = "Service endpoint policy " + sep.shortName() + " on ML compute subnet " + mcs.subnet().shortName()
          + " does not list the workspace's default storage account " + account
          + (privateEndpoint ? "; the account has a private endpoint, which the policy does not filter" : ": compute cannot reach it through the service endpoint")
          + ". Add " + storage.get() + " to the policy's Microsoft.Storage definition";
      hits.add(new Hit(sep.address(), sep.location(), "properties.serviceEndpointPolicyDefinitions", msg,
          List.of(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()),
              new Hit.Related(mcs.workspace().get().location(), "workspace " + mcs.workspace().get().shortName())),
          privateEndpoint ? Severity.INFO : null));
    }
    return hits;
  }

  /** Whether a Microsoft.Storage definition of the policy lists the account. */
  static Tri lists(Resource sep, String accountId) {
    Optional<Value> defs = sep.at("properties.serviceEndpointPolicyDefinitions");
    if (defs.isEmpty()) return Tri.FALSE;
    if (!(defs.get() instanceof Value.Arr a)) return defs.get().isUnknown() ? Tri.UNKNOWN : Tri.FALSE;
    boolean unknown = false;
    for (Value d : a.items()) {
      Optional<Value> service = Paths.get(d, "properties.service");
      if (service.isPresent() && service.get().isUnknown()) unknown = true;
      if (service.isPresent() && service.get() instanceof Value.Str s && !s.value().trim().equalsIgnoreCase("Microsoft.Storage")) continue;
      Optional<Value> resources = Paths.get(d, "properties.serviceResources");
      if (resources.isEmpty()) continue;
      if (!(resources.get() instanceof Value.Arr r)) {
        unknown |= resources.get().isUnknown();
        continue;
      }
      for (Value item : r.items()) {
        if (item.isUnknown()) unknown = true;
        else if (item instanceof Value.Str s && sameResource(s.value(), accountId)) return Tri.TRUE;
      }
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  /** Same provider path, ignoring subscription and resource group placeholders and case. */
  static boolean sameResource(String a, String b) {
    return providerPath(a).equals(providerPath(b));
  }

  private static String providerPath(String id) {
    String l = id.trim().toLowerCase(Locale.ROOT);
    int p = l.lastIndexOf("/providers/");
    return p < 0 ? l : l.substring(p);
  }

  /** A private endpoint to the account for blob or file. */
  static boolean hasPrivateEndpoint(ResourceGraph graph, String accountId) {
    for (Resource pe : graph.ofType("Microsoft.Network/privateEndpoints")) {
      for (String list : List.of("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")) {
        Optional<Value> conns = pe.at("properties." + list);
        if (conns.isEmpty() || !(conns.get() instanceof Value.Arr a)) continue;
        for (Value c : a.items()) {
          Optional<Value> target = Paths.get(c, "properties.privateLinkServiceId");
          Set<String> groups = new LinkedHashSet<>();
          Paths.get(c, "properties.groupIds").ifPresent(g -> {
            if (g instanceof Value.Arr ga) for (Value x : ga.items()) if (x instanceof Value.Str s) groups.add(s.value().toLowerCase(Locale.ROOT));
          });
          if (target.isPresent() && target.get() instanceof Value.Str t && sameResource(t.value(), accountId)
              && (groups.contains("blob") || groups.contains("file"))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
