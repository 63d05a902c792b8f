package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.List;

/**
 * resourceId() and its siblings. The subscription and resource group are written as the
 * placeholders {@code {subscriptionId}} and {@code {resourceGroupName}}: one deployment has one
 * of each, so IDs built in the same template still compare equal, and the graph links by
 * provider type and name segments, which are known.
 */
final class ResourceIds {
  private ResourceIds() {}

  /** resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...). */
  static Value resourceId(List<String> a, Meta at, String defaultScope) throws Functions.EvalError {
    int t = typeIndex(a);
    String scope = defaultScope;
    if (t == 1) scope = scope.startsWith("/subscriptions/" + Functions.SUBSCRIPTION + "/resourceGroups/")
        ? "/subscriptions/" + Functions.SUBSCRIPTION + "/resourceGroups/" + a.get(0)
        : "/subscriptions/" + a.get(0);
    if (t == 2) scope = "/subscriptions/" + a.get(0) + "/resourceGroups/" + a.get(1);
    return new Value.Str(scope + provider(a.get(t), a.subList(t + 1, a.size())), at);
  }

  static Value tenantResourceId(List<String> a, Meta at) throws Functions.EvalError {
    if (a.isEmpty()) throw new Functions.EvalError("needs a resource type");
    return new Value.Str(provider(a.get(0), a.subList(1, a.size())), at);
  }

  static Value managementGroupResourceId(List<String> a, Meta at) throws Functions.EvalError {
    int t = typeIndex(a);
    String mg = t >= 1 ? a.get(0) : "{managementGroupName}";
    return new Value.Str("/providers/Microsoft.Management/managementGroups/" + mg + provider(a.get(t), a.subList(t + 1, a.size())), at);
  }

  static Value extensionResourceId(List<String> a, Meta at) throws Functions.EvalError {
    if (a.size() < 3) throw new Functions.EvalError("needs a scope, a type and a name");
    return new Value.Str(a.get(0) + provider(a.get(1), a.subList(2, a.size())), at);
  }

  /** The first argument that looks like {@code Namespace/type}. */
  private static int typeIndex(List<String> a) throws Functions.EvalError {
    for (int i = 0; i < a.size() && i < 3; i++) {
      if (a.get(i).contains("/") && a.get(i).contains(".") && !a.get(i).startsWith("/")) return i;
    }
    throw new Functions.EvalError("no resource type among the arguments");
  }

  private static String provider(String type, List<String> names) throws Functions.EvalError {
    String[] segs = type.split("/");
    if (segs.length - 1 != names.size()) {
      throw new Functions.EvalError("type " + type + " needs " + (segs.length - 1) + " name segments, got " + names.size());
    }
    StringBuilder sb = new StringBuilder("/providers/").append(segs[0]);
    for (int i = 1; i < segs.length; i++) sb.append('/').append(segs[i]).append('/').append(names.get(i - 1));
    return sb.toString();
  }
}
