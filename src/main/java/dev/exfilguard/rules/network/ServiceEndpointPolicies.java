package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.List;
import java.util.Optional;

/**
 * Service endpoint policy queries more than one rule needs: the ML alias, the listing of a
 * storage account, and whether an ML compute subnet has the storage control the guidance
 * builds on ("valid SE+SEP": the {@code Microsoft.Storage} service endpoint and an attached
 * policy with the Global ML alias). Firewall rules use the latter because storage traffic from
 * such a subnet takes the service endpoint, a more specific system route than the firewall's.
 */
public final class ServiceEndpointPolicies {
  private ServiceEndpointPolicies() {}

  public static final String ML_ALIAS = "/services/Azure/MachineLearning";

  /** TRUE when some definition is Global and lists the alias; UNKNOWN when that depends on Unknowns. */
  public static Tri hasAlias(Resource sep) {
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

  /** Whether a Microsoft.Storage definition of the policy lists the account (by reference, known ID or one built from symbols). */
  public static Tri lists(Resource sep, Value accountId) {
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
        Term.Comparison same = ResourceId.compare(item, accountId);
        if (same == Term.Comparison.SAME) return Tri.TRUE;
        if (same == Term.Comparison.UNDECIDED) unknown = true;
      }
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  /** Whether the subnet has the {@code Microsoft.Storage} service endpoint (the Global variant is not counted). */
  public static Tri hasStorageEndpoint(Resource subnet) {
    Optional<Value> list = Paths.get(subnet.body(), "properties.serviceEndpoints");
    if (list.isEmpty() || list.get() instanceof Value.Null) return Tri.FALSE;
    if (!(list.get() instanceof Value.Arr a)) return list.get().isUnknown() ? Tri.UNKNOWN : Tri.FALSE;
    boolean unknown = false;
    for (Value se : a.items()) {
      Optional<Value> service = Paths.get(se, "service");
      if (se.isUnknown() || service.map(Value::isUnknown).orElse(false)) unknown = true;
      else if (service.get() instanceof Value.Str s && s.value().trim().equalsIgnoreCase("Microsoft.Storage")) return Tri.TRUE;
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  /**
   * Whether an ML compute subnet has a valid SE+SEP: the Microsoft.Storage service endpoint and
   * an attached policy with the Global ML alias. UNKNOWN when either depends on Unknowns or the
   * subnet names a policy this source does not declare.
   */
  public static Tri validOn(ResourceGraph graph, ComputeSubnets.ComputeSubnet mcs) {
    Tri endpoint = hasStorageEndpoint(mcs.subnet());
    if (endpoint == Tri.FALSE) return Tri.FALSE;
    List<Resource> seps = ComputeSubnets.policies(graph, mcs.subnet());
    Tri alias = Tri.FALSE;
    for (Resource sep : seps) {
      Tri t = hasAlias(sep);
      if (t == Tri.TRUE) alias = Tri.TRUE;
      else if (t == Tri.UNKNOWN && alias == Tri.FALSE) alias = Tri.UNKNOWN;
    }
    if (alias == Tri.FALSE && namesUnresolvedPolicy(mcs.subnet(), seps.size())) alias = Tri.UNKNOWN;
    if (alias == Tri.FALSE) return Tri.FALSE;
    return endpoint == Tri.TRUE && alias == Tri.TRUE ? Tri.TRUE : Tri.UNKNOWN;
  }

  /** The subnet lists more policy IDs (or an Unknown list) than resolved to declared policies. */
  private static boolean namesUnresolvedPolicy(Resource subnet, int resolved) {
    Optional<Value> list = Paths.get(subnet.body(), "properties.serviceEndpointPolicies");
    if (list.isEmpty() || list.get() instanceof Value.Null) return false;
    if (!(list.get() instanceof Value.Arr a)) return list.get().isUnknown();
    return a.items().size() > resolved;
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
