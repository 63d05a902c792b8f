package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.network.PrivateEndpoints;
import dev.exfilguard.rules.network.ServiceEndpointPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
      Optional<Value> storage = mcs.defaultStorageId();
      if (seps.isEmpty() || storage.isEmpty()) continue;
      Tri listed = Tri.FALSE;
      for (Resource sep : seps) {
        Tri t = ServiceEndpointPolicies.lists(sep, storage.get());
        if (t == Tri.TRUE) listed = Tri.TRUE;
        else if (t == Tri.UNKNOWN && listed == Tri.FALSE) listed = Tri.UNKNOWN;
      }
      if (listed != Tri.FALSE) continue;
      Tri privateEndpoint = PrivateEndpoints.toStorage(graph, storage.get());
      Resource sep = seps.get(0);
      String account = ResourceId.lastName(storage.get());
      String msg = "Service endpoint policy " + sep.shortName() + " on ML compute subnet " + mcs.subnet().shortName()
          + " does not list the workspace's default storage account " + account
          + (privateEndpoint == Tri.TRUE ? "; the account has a private endpoint, which the policy does not filter"
              : privateEndpoint == Tri.UNKNOWN ? "; a private endpoint whose target is known only at deployment may serve the account"
              : ": compute cannot reach it through the service endpoint")
          + ". Add " + ResourceId.render(storage.get()) + " to the policy's Microsoft.Storage definition";
      hits.add(new Hit(sep.address(), sep.location(), "properties.serviceEndpointPolicyDefinitions", msg,
          List.of(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()),
              new Hit.Related(mcs.workspace().get().location(), "workspace " + mcs.workspace().get().shortName())),
          privateEndpoint != Tri.FALSE ? Severity.INFO : null));
    }
    return hits;
  }
}
