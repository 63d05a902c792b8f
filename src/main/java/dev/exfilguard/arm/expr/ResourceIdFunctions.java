package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * resourceId() and its siblings, over terms: names built from parameters without a value give
 * an ID built from the same symbols ({@code .../virtualNetworks/{prefix}-vnet/subnets/snet-training}),
 * which the graph links by. The subscription and resource group come from the expression's
 * deployment target.
 */
final class ResourceIdFunctions {
  private ResourceIdFunctions() {}

  /**
   * resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...), or with
   * {@code inResourceGroup} false subscriptionResourceId([subscriptionId], type, name1, ...).
   */
  static Value resourceId(List<Term> a, Meta at, DeploymentTarget target, boolean inResourceGroup) throws Functions.EvalError {
    int t = typeIndex(a);
    Term scope;
    if (inResourceGroup) {
      scope = switch (t) {
        case 0 -> DeploymentFunctions.resourceGroupId(target);
        case 1 -> Term.concat(DeploymentFunctions.subscriptionId(target), Term.text("/resourceGroups/"), a.get(0));
        default -> Term.concat(Term.text("/subscriptions/"), a.get(0), Term.text("/resourceGroups/"), a.get(1));
      };
    } else {
      scope = t == 0 ? DeploymentFunctions.subscriptionId(target) : Term.concat(Term.text("/subscriptions/"), a.get(0));
    }
    return Functions.stringOf(Term.concat(scope, provider(a.get(t), a.subList(t + 1, a.size()))), at);
  }

  static Value tenantResourceId(List<Term> a, Meta at) throws Functions.EvalError {
    if (a.isEmpty()) throw new Functions.EvalError("needs a resource type");
    return Functions.stringOf(provider(a.get(0), a.subList(1, a.size())), at);
  }

  static Value managementGroupResourceId(List<Term> a, Meta at) throws Functions.EvalError {
    int t = typeIndex(a);
    Term mg = t >= 1 ? a.get(0) : Term.symbol("management-group", "managementGroup().name", null);
    return Functions.stringOf(Term.concat(Term.text("/providers/Microsoft.Management/managementGroups/"), mg,
        provider(a.get(t), a.subList(t + 1, a.size()))), at);
  }

  static Value extensionResourceId(List<Term> a, Meta at) throws Functions.EvalError {
    if (a.size() < 3) throw new Functions.EvalError("needs a scope, a type and a name");
    return Functions.stringOf(Term.concat(a.get(0), provider(a.get(1), a.subList(2, a.size()))), at);
  }

  /** The first argument that looks like {@code Namespace/type}. */
  private static int typeIndex(List<Term> a) throws Functions.EvalError {
    for (int i = 0; i < a.size() && i < 3; i++) {
      if (!a.get(i).isText()) continue;
      String s = a.get(i).render();
      if (s.contains("/") && s.contains(".") && !s.startsWith("/")) return i;
    }
    throw new Functions.EvalError("no resource type among the arguments");
  }

  private static Term provider(Term type, List<Term> names) throws Functions.EvalError {
    String[] segs = type.render().split("/");
    if (segs.length - 1 != names.size()) {
      throw new Functions.EvalError("type " + type.render() + " needs " + (segs.length - 1) + " name segments, got " + names.size());
    }
    List<Term> parts = new ArrayList<>();
    parts.add(Term.text("/providers/" + segs[0]));
    for (int i = 1; i < segs.length; i++) {
      parts.add(Term.text("/" + segs[i] + "/"));
      parts.add(names.get(i - 1));
    }
    return Term.concat(parts);
  }
}
