package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.SecurityRule;
import dev.exfilguard.rules.network.ServiceTags;
import dev.exfilguard.rules.network.SubnetEgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMLX-25 (INFO): the compute subnet's inbound rules do not fit its computes' public IPs:
 * (a) an inbound Allow from AzureMachineLearning on TCP 44224 while no compute there has a
 * public IP (unneeded); (b) public-IP compute behind an inbound catch-all Deny with no earlier
 * Allow from AzureMachineLearning on 44224 (compute creation fails); (c) an inbound Allow from
 * BatchNodeManagement on 29876-29877, which classic Batch node communication needed until its
 * retirement on 31 March 2026.
 */
public final class InboundManagementMismatch implements Check {
  private static final int ML_MANAGEMENT_PORT = 44224;

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (SubnetEgress e : SubnetEgress.of(graph)) {
      if (e.declaredNsg().isEmpty()) continue;
      Tri anyPublic = anyPublicIp(e.mcs().users());
      Optional<SecurityRule> mlAllow = Optional.empty();
      Optional<SecurityRule> catchAllDeny = Optional.empty();
      for (SecurityRule r : e.declaredNsg().get().rules()) {
        if (r.isInbound() != Tri.TRUE) continue;
        if (r.isAllow() == Tri.TRUE && fromTag(r, "azuremachinelearning") && r.coversTcp() == Tri.TRUE
            && r.coversPort(ML_MANAGEMENT_PORT) == Tri.TRUE && catchAllDeny.isEmpty() && mlAllow.isEmpty()) {
          mlAllow = Optional.of(r);
        }
        if (r.isDeny() == Tri.TRUE && catchAll(r) && catchAllDeny.isEmpty()) catchAllDeny = Optional.of(r);
        if (r.isAllow() == Tri.TRUE && fromTag(r, "batchnodemanagement") && (r.coversPort(29876) == Tri.TRUE || r.coversPort(29877) == Tri.TRUE)) {
          hits.add(hit(r, e, "NSG rule " + r.name() + " allows inbound from BatchNodeManagement on 29876-29877 to subnet " + e.subnetName()
              + ": classic Batch node communication, retired on 31 March 2026, needed it; ML compute does not. Remove it"));
        }
      }
      if (mlAllow.isPresent() && anyPublic == Tri.FALSE) {
        hits.add(hit(mlAllow.get(), e, "NSG rule " + mlAllow.get().name() + " allows inbound from AzureMachineLearning on TCP 44224 to subnet "
            + e.subnetName() + ", but none of its computes has a public IP, so the rule is not needed. Remove it"));
      }
      if (anyPublic == Tri.TRUE && catchAllDeny.isPresent() && mlAllow.isEmpty()) {
        hits.add(hit(catchAllDeny.get(), e, "Subnet " + e.subnetName() + " hosts public-IP " + e.computes() + ", but NSG rule "
            + catchAllDeny.get().name() + " denies all inbound traffic with no earlier Allow from AzureMachineLearning on TCP 44224: "
            + "compute creation fails. Add that Allow before the Deny, or give the compute no public IP"));
      }
    }
    return hits;
  }

  /** TRUE when some compute certainly has a public IP, FALSE when none has, else UNKNOWN. */
  private static Tri anyPublicIp(List<Resource> users) {
    boolean unknown = false;
    for (Resource u : users) {
      Optional<Value> v = Paths.get(u.body(), "properties.properties.enableNodePublicIp");
      if (v.isEmpty() || v.get().isUnknown()) unknown = true;
      else if (v.get() instanceof Value.Bool b && b.value()) return Tri.TRUE;
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }

  private static boolean fromTag(SecurityRule r, String tag) {
    return r.sources().stream().anyMatch(v -> v instanceof Value.Str s && ServiceTags.normalize(s.value()).startsWith(tag));
  }

  private static boolean catchAll(SecurityRule r) {
    boolean anySource = r.sources().stream().anyMatch(v -> v instanceof Value.Str s
        && List.of("*", "internet", "0.0.0.0/0").contains(ServiceTags.normalize(s.value())));
    return anySource && r.coversTcp() == Tri.TRUE && r.coversPort(ML_MANAGEMENT_PORT) == Tri.TRUE;
  }

  private static Hit hit(SecurityRule r, SubnetEgress e, String msg) {
    return new Hit(r.child().address(), r.location(), "properties.securityRules[" + r.name() + "]", msg,
        List.of(new Hit.Related(e.mcs().subnet().location(), "subnet " + e.subnetName())));
  }
}
