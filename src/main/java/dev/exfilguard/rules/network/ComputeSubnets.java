package dev.exfilguard.rules.network;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
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

  /** A subnet and the compute resources (or workspaces, for serverless) that use it. */
  public record ComputeSubnet(Resource subnet, List<Resource> users) {}

  public static List<ComputeSubnet> of(ResourceGraph graph) {
    Map<Resource, List<Resource>> found = new LinkedHashMap<>();
    for (Resource c : graph.ofType("Microsoft.MachineLearningServices/workspaces/computes")) {
      String type = string(c.at("properties.computeType")).map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
      if (!type.equals("amlcompute") && !type.equals("computeinstance")) continue;
      string(c.at("properties.properties.subnet.id")).flatMap(graph::resolveId)
          .ifPresent(s -> found.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
    }
    for (Resource w : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      string(w.at("properties.serverlessComputeSettings.serverlessComputeCustomSubnet")).flatMap(graph::resolveId)
          .ifPresent(s -> found.computeIfAbsent(s, k -> new ArrayList<>()).add(w));
    }
    List<ComputeSubnet> out = new ArrayList<>();
    found.forEach((s, users) -> out.add(new ComputeSubnet(s, users)));
    return out;
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
        string(Paths.get(item, "id")).flatMap(graph::resolveId).filter(r -> !out.contains(r)).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<String> string(Optional<Value> v) {
    return v.filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value());
  }
}
