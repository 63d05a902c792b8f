package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.ManagedNetwork;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.PrivateEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AMLX-40: the workspace's default storage account, declared in this source, accepts traffic
 * from every network: public network access not Disabled (absent means Enabled; azurerm's
 * default is applied by the mapping), no {@code networkAcls.defaultAction} of Deny, and no blob
 * or file private endpoint to it. {@code SecuredByPerimeter} counts as restricted: a network
 * security perimeter then governs public access. LOW for AllowOnlyApprovedOutbound workspaces,
 * whose managed network reaches the account through managed private endpoints. Any Unknown
 * keeps the rule silent.
 */
public final class WorkspaceStoragePublic implements Check {
  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Set<Resource> judged = new LinkedHashSet<>();
    for (Resource ws : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      if (ws.existing()) continue;
      Optional<Value> id = ws.at("properties.storageAccount");
      if (id.isEmpty()) continue;
      Optional<Resource> account = graph.resolve(id.get());
      if (account.isEmpty() || account.get().existing() || !judged.add(account.get())) continue;
      Resource st = account.get();
      Optional<Value> pna = st.at("properties.publicNetworkAccess");
      if (pna.isPresent() && pna.get().isUnknown()) continue;
      if (pna.isPresent() && pna.get() instanceof Value.Str p && !p.value().trim().equalsIgnoreCase("Enabled")) continue;
      Optional<Value> acls = st.at("properties.networkAcls");
      Optional<Value> action = st.at("properties.networkAcls.defaultAction");
      if (acls.isPresent() && acls.get().isUnknown()) continue;
      if (action.isPresent() && (action.get().isUnknown() || (action.get() instanceof Value.Str a && !a.value().trim().equalsIgnoreCase("Allow")))) continue;
      if (PrivateEndpoints.toStorage(graph, ResourceId.valueOf(st)) != Tri.FALSE) continue;
      boolean approvedOnly = ManagedNetwork.ofWorkspace(graph, ws).mode() == ManagedNetwork.Mode.ALLOW_ONLY_APPROVED_OUTBOUND;
      Value at = pna.orElse(action.orElse(null));
      String why = (pna.isPresent() ? "publicNetworkAccess is " + Value.render(pna.get()) : "publicNetworkAccess is not set (Enabled)")
          + " and " + (action.isPresent() ? "networkAcls.defaultAction is " + Value.render(action.get()) : "no networkAcls deny by default");
      String msg = "Storage account " + st.shortName() + " is the default storage of workspace " + ws.shortName()
          + " and is reachable from every network: " + why + ", and no blob or file private endpoint points to it"
          + (approvedOnly ? "; the workspace's AllowOnlyApprovedOutbound network reaches it privately, so this is hardening" : "")
          + ". Set publicNetworkAccess to Disabled (public_network_access_enabled = false) or networkAcls.defaultAction to Deny, "
          + "and add private endpoints for blob and file in the workspace's VNet";
      hits.add(new Hit(st.address(), at != null ? at.location() : st.location(), "properties.publicNetworkAccess", msg,
          List.of(new Hit.Related(id.get().location(), "workspace " + ws.shortName())), approvedOnly ? Severity.LOW : null));
    }
    return hits;
  }
}
