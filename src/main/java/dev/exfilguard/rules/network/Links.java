package dev.exfilguard.rules.network;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links the network rules follow that cannot be decided: an ID that may or may not name a
 * resource of the source, depending on values known only at deployment. Said in words a user
 * can act on: which resources it may be, and which inputs decide it.
 */
public final class Links {
  private Links() {}

  public static final String SUBNET = "Microsoft.Network/virtualNetworks/subnets";
  public static final String NSG = "Microsoft.Network/networkSecurityGroups";
  public static final String ROUTE_TABLE = "Microsoft.Network/routeTables";
  public static final String POLICY = "Microsoft.Network/serviceEndpointPolicies";

  /**
   * "{prefix2}-vnet/snet-training, which is snet-training of this source only for some values:
   * --param prefix2=... decides it", or empty when the ID resolves, names none of the resources
   * of that type for every value, or is a bare Unknown.
   */
  public static Optional<String> undecided(ResourceGraph graph, Value id, String type) {
    ResourceGraph.Undecided u = graph.undecided(id, type);
    if (u.isEmpty()) return Optional.empty();
    List<String> names = new ArrayList<>();
    for (Resource r : u.candidates()) if (!names.contains(r.shortName())) names.add(r.shortName());
    return Optional.of(name(id) + ", which is " + String.join(" or ", names) + " of this source only for some values: "
        + deciders(u.symbols()) + (u.symbols().size() == 1 ? " decides" : " decide") + " it");
  }

  /** An ID as its name reads ({@code {prefix}-vnet/snet-training}), else the whole value. */
  private static String name(Value id) {
    Term t = Value.termOf(id);
    if (t == null) return Value.render(id);
    return ResourceId.parse(t).map(p -> p.name().render()).orElse(t.render());
  }

  /** What a user could set to decide the symbols: {@code --param prefix=...}, else what they are. */
  public static String deciders(List<Term.Symbol> symbols) {
    List<String> out = new ArrayList<>();
    for (Term.Symbol s : symbols) {
      String d = s.hint() != null ? s.hint() : s.label() + " (known only at deployment)";
      if (!out.contains(d)) out.add(d);
    }
    return String.join(", ", out);
  }
}
