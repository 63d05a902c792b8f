package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Comparing resource IDs as written in sources (subscription and resource group are often
 * placeholders, case varies), and finding the private endpoints that point at a resource.
 */
public final class ResourceIds {
  private ResourceIds() {}

  /** Same provider path, ignoring subscription and resource group placeholders and case. */
  public static boolean same(String a, String b) {
    return providerPath(a).equals(providerPath(b));
  }

  private static String providerPath(String id) {
    String l = id.trim().toLowerCase(Locale.ROOT);
    int p = l.lastIndexOf("/providers/");
    return p < 0 ? l : l.substring(p);
  }

  /** A private endpoint declared in this source to the resource for one of the group IDs (lower case). */
  public static Optional<Resource> privateEndpoint(ResourceGraph graph, String resourceId, Set<String> groupIds) {
    for (Resource pe : graph.ofType("Microsoft.Network/privateEndpoints")) {
      for (String list : List.of("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")) {
        Optional<Value> conns = pe.at("properties." + list);
        if (conns.isEmpty() || !(conns.get() instanceof Value.Arr a)) continue;
        for (Value c : a.items()) {
          Optional<Value> target = Paths.get(c, "properties.privateLinkServiceId");
          Set<String> groups = new LinkedHashSet<>();
          Paths.get(c, "properties.groupIds").ifPresent(g -> {
            if (g instanceof Value.Arr ga) for (Value x : ga.items()) if (x instanceof Value.Str s) groups.add(s.value().trim().toLowerCase(Locale.ROOT));
          });
          if (target.isPresent() && target.get() instanceof Value.Str t && same(t.value(), resourceId)
              && groups.stream().anyMatch(groupIds::contains)) {
            return Optional.of(pe);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A blob or file private endpoint to the storage account. */
  public static boolean hasStoragePrivateEndpoint(ResourceGraph graph, String accountId) {
    return privateEndpoint(graph, accountId, Set.of("blob", "file")).isPresent();
  }
}
