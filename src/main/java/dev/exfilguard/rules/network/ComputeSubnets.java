package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ML compute subnets (MCS) of a graph: subnets that an AmlCompute or ComputeInstance
 * ({@code properties.properties.subnet.id}) or a workspace's serverless compute
 * ({@code serverlessComputeSettings.serverlessComputeCustomSubnet}) points to. Subnet-scoped
 * rules run only on these: VNets also hold private-endpoint, firewall and bastion subnets.
 */
public final class ComputeSubnets {
  private ComputeSubnets() {}

  /**
   * A subnet and what reference §3.0 attaches to it.
   *
   * @param users the computes (or workspaces, for serverless compute) placed in it
   * @param workspace the first user's workspace, when it is in the same source
   * @param region the compute's (else the workspace's) location, lower case without spaces;
   *     null when Unknown
   */
  public record ComputeSubnet(Resource subnet, List<Resource> users, Optional<Resource> workspace, String region) {

    /** The subnet's address prefixes that are known. */
    public List<Cidr> prefixes() {
      List<Cidr> out = new ArrayList<>();
      Paths.get(subnet.body(), "properties.addressPrefix").ifPresent(v -> cidr(v).ifPresent(out::add));
      Paths.get(subnet.body(), "properties.addressPrefixes").ifPresent(v -> {
        if (v instanceof Value.Arr a) for (Value i : a.items()) cidr(i).ifPresent(out::add);
      });
      return out;
    }

    /** "compute cpu-cluster" or "computes cpu-cluster, ci-01", for messages. */
    public String describeUsers() {
      List<String> names = users.stream().map(Resource::shortName).toList();
      return (names.size() == 1 ? "compute " : "computes ") + String.join(", ", names);
    }

    /** The workspace's default storage account ID (known or symbolic), when the workspace names one. */
    public Optional<Value> defaultStorageId() {
      return workspace.flatMap(w -> w.at("properties.storageAccount")).filter(v -> Value.termOf(v) != null || v.meta().ref() != null);
    }

    private static Optional<Cidr> cidr(Value v) {
      return v instanceof Value.Str s ? Cidr.parse(s.value()) : Optional.empty();
    }
  }

  public static List<ComputeSubnet> of(ResourceGraph graph) {
    return graph.derived("rules.network.ComputeSubnets", () -> compute(graph));
  }

  private static List<ComputeSubnet> compute(ResourceGraph graph) {
    Map<Resource, List<Resource>> found = new LinkedHashMap<>();
    for (Resource c : graph.ofType("Microsoft.MachineLearningServices/workspaces/computes")) {
      String type = string(c.at("properties.computeType")).map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
      if (!type.equals("amlcompute") && !type.equals("computeinstance")) continue;
      c.at("properties.properties.subnet.id").flatMap(graph::resolve)
          .ifPresent(s -> found.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
    }
    for (Resource w : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      w.at("properties.serverlessComputeSettings.serverlessComputeCustomSubnet").flatMap(graph::resolve)
          .ifPresent(s -> found.computeIfAbsent(s, k -> new ArrayList<>()).add(w));
    }
    List<ComputeSubnet> out = new ArrayList<>();
    found.forEach((s, users) -> {
      Optional<Resource> ws = workspaceOf(graph, users.get(0));
      String region = region(users.get(0)).or(() -> ws.flatMap(ComputeSubnets::region)).orElse(null);
      out.add(new ComputeSubnet(s, users, ws, region));
    });
    return List.copyOf(out);
  }

  /** A compute's workspace (its parent by name), or the workspace itself for serverless compute. */
  public static Optional<Resource> workspaceOf(ResourceGraph graph, Resource user) {
    if (user.isType("Microsoft.MachineLearningServices/workspaces")) return Optional.of(user);
    List<Term> segs = user.nameSegments();
    if (segs.size() < 2) return Optional.empty();
    return graph.find("Microsoft.MachineLearningServices/workspaces", segs.get(0));
  }

  private static Optional<String> region(Resource r) {
    return string(r.at("location")).map(l -> l.toLowerCase(Locale.ROOT).replace(" ", "")).filter(l -> !ServiceTags.hasPlaceholder(l));
  }

  /**
   * The service endpoint policies attached to a subnet that this source declares; empty when
   * there are none or they cannot be resolved.
   */
  public static List<Resource> policies(ResourceGraph graph, Resource subnet) {
    List<Resource> out = new ArrayList<>();
    Optional<Value> list = Paths.get(subnet.body(), "properties.serviceEndpointPolicies");
    if (list.isPresent() && list.get() instanceof Value.Arr a) {
      for (Value item : a.items()) {
        Paths.get(item, "id").flatMap(graph::resolve).filter(r -> !out.contains(r)).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The subnet's NSG as Azure would enforce it: empty when the subnet names an NSG this source
   * does not declare or whose ID is Unknown; the default rules only when it names none.
   */
  public static Optional<EffectiveNsg> nsg(ResourceGraph graph, Resource subnet) {
    Optional<Value> id = Paths.get(subnet.body(), "properties.networkSecurityGroup.id");
    if (id.isEmpty() || id.get() instanceof Value.Null) {
      return Paths.get(subnet.body(), "properties.networkSecurityGroup").filter(Value::isUnknown).isPresent()
          ? Optional.empty() : Optional.of(EffectiveNsg.none());
    }
    return graph.resolve(id.get()).map(n -> EffectiveNsg.of(graph, n));
  }

  static Optional<String> string(Optional<Value> v) {
    return v.filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value());
  }
}
