package dev.exfilguard.rules.network;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The managed-network isolation mode that governs a workspace or a compute, as the compute rules
 * (AMLX-01, -02, -05) need it: a compute follows its workspace, and a {@code Project} workspace
 * follows its hub ({@code properties.hubResourceId}), because projects share the hub's network.
 */
public final class ManagedNetwork {
  private ManagedNetwork() {}

  /** How far Project → hub links are followed; a hub is never a project, so 1 is enough in Azure. */
  private static final int MAX_HUB_HOPS = 3;

  public enum Mode {
    /** {@code isolationMode} Disabled, or absent (Disabled is assumed, reference §5). */
    DISABLED,
    ALLOW_INTERNET_OUTBOUND,
    ALLOW_ONLY_APPROVED_OUTBOUND,
    /** The source decides it through a value we cannot know (a parameter without a default). */
    UNKNOWN,
    /** The workspace (or hub) that decides it is not declared in the scanned source. */
    UNRESOLVED;

    /** True for the two managed-VNet modes, in which Azure places compute itself. */
    public boolean managed() {
      return this == ALLOW_INTERNET_OUTBOUND || this == ALLOW_ONLY_APPROVED_OUTBOUND;
    }
  }

  /**
   * @param workspace the workspace whose setting decides (a Project's hub); null when unresolved
   * @param value the {@code isolationMode} value; null when it is absent or unresolved
   * @param reason for UNKNOWN and UNRESOLVED, what could not be found, as a message fragment
   */
  public record Isolation(Mode mode, Resource workspace, Value value, String reason) {

    /** "workspace mlw-01 (isolationMode AllowOnlyApprovedOutbound)" style text for messages. */
    public String describe() {
      if (workspace == null) return reason;
      String mode = value instanceof Value.Str s ? "isolationMode " + s.value() : "no managed network";
      return "workspace " + workspace.shortName() + " (" + mode + ")";
    }
  }

  /** The isolation of the workspace a compute belongs to (found by its parent name). */
  public static Isolation ofCompute(ResourceGraph graph, Resource compute) {
    Optional<Resource> ws = ComputeSubnets.workspaceOf(graph, compute);
    if (ws.isEmpty()) {
      Term parent = ResourceGraph.parentName(compute);
      String why = parent == null ? "its workspace cannot be determined from the source"
          : "its workspace " + parent.render() + " is not declared in the scanned source"
              + (parent.isText() ? "" : " (its name is known only at deployment)");
      return new Isolation(Mode.UNRESOLVED, null, null, why);
    }
    return ofWorkspace(graph, ws.get());
  }

  /** The isolation that applies to a workspace: its own, or its hub's for a Project. */
  public static Isolation ofWorkspace(ResourceGraph graph, Resource workspace) {
    return ofWorkspace(graph, workspace, 0);
  }

  private static Isolation ofWorkspace(ResourceGraph graph, Resource ws, int hops) {
    if (ws.existing()) {
      // an `existing` workspace or Terraform data source shows its name, not its settings
      return new Isolation(Mode.UNRESOLVED, null, null,
          "its workspace " + ws.shortName() + " is deployed elsewhere, so its network settings are not in this source");
    }
    Optional<Value> kind = ws.at("kind");
    if (kind.isPresent() && kind.get().isUnknown()) {
      return new Isolation(Mode.UNKNOWN, ws, null, "the kind of workspace " + ws.shortName() + " is not known");
    }
    if (kind.isPresent() && kind.get() instanceof Value.Str k && k.value().trim().equalsIgnoreCase("Project")) {
      return ofHub(graph, ws, hops);
    }
    Optional<Value> mode = ws.at("properties.managedNetwork.isolationMode");
    if (mode.isEmpty() || mode.get() instanceof Value.Null) return new Isolation(Mode.DISABLED, ws, null, null);
    if (!(mode.get() instanceof Value.Str s)) {
      return new Isolation(Mode.UNKNOWN, ws, mode.get(), "the isolation mode of workspace " + ws.shortName() + " is not known");
    }
    return switch (s.value().trim().toLowerCase(Locale.ROOT)) {
      case "disabled" -> new Isolation(Mode.DISABLED, ws, s, null);
      case "allowinternetoutbound" -> new Isolation(Mode.ALLOW_INTERNET_OUTBOUND, ws, s, null);
      case "allowonlyapprovedoutbound" -> new Isolation(Mode.ALLOW_ONLY_APPROVED_OUTBOUND, ws, s, null);
      // a value Azure would reject: no rule should build on it
      default -> new Isolation(Mode.UNKNOWN, ws, s, "workspace " + ws.shortName() + " has the unrecognised isolation mode " + s.value());
    };
  }

  private static Isolation ofHub(ResourceGraph graph, Resource project, int hops) {
    Optional<Value> hubId = project.at("properties.hubResourceId");
    if (hubId.isEmpty() || hubId.get() instanceof Value.Null) {
      return new Isolation(Mode.UNRESOLVED, null, null, "project " + project.shortName() + " names no hub (hubResourceId)");
    }
    Optional<Resource> hub = hops >= MAX_HUB_HOPS ? Optional.empty() : graph.resolve(hubId.get());
    if (hub.isEmpty() && (hubId.get() instanceof Value.Unknown u && u.term() == null || hops >= MAX_HUB_HOPS)) {
      return new Isolation(Mode.UNKNOWN, null, hubId.get(), "the hub of project " + project.shortName() + " is not known");
    }
    if (hub.isEmpty() || !hub.get().isType("Microsoft.MachineLearningServices/workspaces")) {
      return new Isolation(Mode.UNRESOLVED, null, null,
          "the hub of project " + project.shortName() + " (" + dev.exfilguard.model.ResourceId.render(hubId.get()) + ") is not declared in the scanned source");
    }
    return ofWorkspace(graph, hub.get(), hops + 1);
  }

  /**
   * The compute clusters and instances this source deploys: the compute types that run in a
   * subnet or in the workspace's managed network (attached AKS or Kubernetes compute does not).
   * A compute whose type is Unknown is left out, as Unknown never makes a rule fire.
   */
  public static List<Resource> vmComputes(ResourceGraph graph) {
    List<Resource> out = new ArrayList<>();
    for (Resource c : graph.ofType("Microsoft.MachineLearningServices/workspaces/computes")) {
      if (c.existing()) continue;
      String type = c.at("properties.computeType").filter(Value.Str.class::isInstance)
          .map(v -> ((Value.Str) v).value().trim().toLowerCase(Locale.ROOT)).orElse("");
      if (type.equals("amlcompute") || type.equals("computeinstance")) out.add(c);
    }
    return out;
  }

  /** Whether a compute names a subnet: {@code properties.properties.subnet.id}. */
  public enum SubnetState { NONE, SET, UNKNOWN }

  public static SubnetState subnetOf(Resource compute) {
    Optional<Value> id = compute.at("properties.properties.subnet.id");
    if (id.isEmpty() || id.get() instanceof Value.Null) return SubnetState.NONE;
    if (id.get() instanceof Value.Str s) return s.value().isBlank() ? SubnetState.NONE : SubnetState.SET;
    // an ID built from symbols around some text names some subnet, even if not which
    Term t = Value.termOf(id.get());
    if (t != null && t.parts().stream().anyMatch(p -> p instanceof Term.Text x && !x.text().isBlank())) return SubnetState.SET;
    return SubnetState.UNKNOWN;
  }
}
