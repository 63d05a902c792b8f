package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.ComputeSubnets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AMLX-12: a service endpoint policy on an ML compute subnet without a {@code Global}
 * definition listing {@code /services/Azure/MachineLearning}. Policies not attached to a
 * compute subnet are left alone: a storage policy for a web app's subnet needs no ML alias.
 */
public final class ComputeSubnetPolicyAlias implements Check {
  static final String ML_ALIAS = "/services/Azure/MachineLearning";

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    Set<Resource> judged = new LinkedHashSet<>();
    for (ComputeSubnets.ComputeSubnet mcs : ComputeSubnets.of(graph)) {
      for (Resource sep : ComputeSubnets.policies(graph, mcs.subnet())) {
        if (sep.existing() || !judged.add(sep) || hasAlias(sep) != Tri.FALSE) continue;
        Resource user = mcs.users().get(0);
        hits.add(new Hit(sep.address(), sep.location(), "properties.serviceEndpointPolicyDefinitions",
            "Service endpoint policy " + sep.shortName() + " on ML compute subnet " + mcs.subnet().shortName()
                + " has no Global definition with the alias " + ML_ALIAS + "; compute " + user.shortName()
                + " cannot reach the Microsoft-managed storage it needs",
            List.of(new Hit.Related(mcs.subnet().location(), "subnet " + mcs.subnet().shortName()),
                new Hit.Related(user.location(), "compute " + user.shortName()))));
      }
    }
    return hits;
  }

  /** TRUE when some definition is Global and lists the alias; UNKNOWN when that depends on Unknowns. */
  static Tri hasAlias(Resource sep) {
    Optional<Value> defs = sep.at("properties.serviceEndpointPolicyDefinitions");
    if (defs.isEmpty() || defs.get() instanceof Value.Null) return Tri.FALSE;
    if (!(defs.get() instanceof Value.Arr a)) return defs.get().isUnknown() ? Tri.UNKNOWN : Tri.FALSE;
    boolean unknown = false;
    for (Value d : a.items()) {
      Tri global = equalsIgnoreCase(Paths.get(d, "properties.service"), "Global");
      Tri alias = contains(Paths.get(d, "properties.serviceResources"), ML_ALIAS);
      if (global == Tri.TRUE && alias == Tri.TRUE) return Tri.TRUE;
      if (global != Tri.FALSE && alias != Tri.FALSE) unknown = true;
      if (d.isUnknown()) unknown = true;
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  private static Tri equalsIgnoreCase(Optional<Value> v, String expected) {
    if (v.isEmpty()) return Tri.FALSE;
    if (v.get().isUnknown()) return Tri.UNKNOWN;
    return Tri.of(v.get() instanceof Value.Str s && s.value().trim().equalsIgnoreCase(expected));
  }

  private static Tri contains(Optional<Value> v, String expected) {
    if (v.isEmpty()) return Tri.FALSE;
    if (v.get().isUnknown()) return Tri.UNKNOWN;
    if (!(v.get() instanceof Value.Arr a)) return Tri.FALSE;
    boolean unknown = false;
    for (Value item : a.items()) {
      if (item.isUnknown()) unknown = true;
      else if (item instanceof Value.Str s && s.value().trim().equalsIgnoreCase(expected)) return Tri.TRUE;
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }
}
