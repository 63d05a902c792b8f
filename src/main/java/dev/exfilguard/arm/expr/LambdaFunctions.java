package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lambda functions (template-functions-lambda): they take an unevaluated
 * {@code lambda(...)} expression, which the evaluator applies to each item. A lambda result
 * that decides the shape (a filter predicate, a sort order, a key) and is Unknown makes the
 * whole result Unknown; an Unknown mapped value stays one item.
 */
final class LambdaFunctions {
  private LambdaFunctions() {}

  private static final Set<String> NAMES = Set.of("map", "filter", "reduce", "sort", "toobject", "groupby", "mapvalues");

  static boolean handles(String lowerName) {
    return NAMES.contains(lowerName);
  }

  static Value apply(Evaluator ev, String fn, Expr.Call c, Meta at) {
    List<Expr> args = c.args();
    int lambdas = fn.equals("reduce") ? 2 : 1;
    if (args.size() < lambdas + 1) return new Value.Unknown(c.name() + "() needs a collection and a lambda", at);
    Value input = ev.eval(args.get(0), at);
    if (input instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
    if (fn.equals("mapvalues")) {
      if (!(input instanceof Value.Obj o)) return new Value.Unknown("mapValues() needs an object", at);
      Map<String, Value> out = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) out.put(e.getKey(), ev.applyLambda(args.get(1), List.of(e.getValue()), at));
      return new Value.Obj(out, at);
    }
    if (!(input instanceof Value.Arr arr)) return new Value.Unknown(c.name() + "() needs an array", at);
    List<Value> items = arr.items();
    switch (fn) {
      case "map": {
        List<Value> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) out.add(ev.applyLambda(args.get(1), withIndex(items.get(i), i, at), at));
        return new Value.Arr(out, at);
      }
      case "filter": {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          Value keep = ev.applyLambda(args.get(1), withIndex(items.get(i), i, at), at);
          if (keep instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
          if (!(keep instanceof Value.Bool b)) return new Value.Unknown("filter()'s lambda must return a boolean", at);
          if (b.value()) out.add(items.get(i));
        }
        return new Value.Arr(out, at);
      }
      case "reduce": {
        Value acc = ev.eval(args.get(1), at);
        for (int i = 0; i < items.size(); i++) {
          acc = ev.applyLambda(args.get(2), List.of(acc, items.get(i), Functions.num(i, at)), at);
        }
        return Functions.relocate(acc, at);
      }
      case "sort":
        return sort(ev, items, args.get(1), at);
      case "toobject": {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Value item : items) {
          Value key = ev.applyLambda(args.get(1), List.of(item), at);
          if (key instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
          if (!(key instanceof Value.Str k)) return new Value.Unknown("toObject()'s key lambda must return a string", at);
          out.put(k.value(), args.size() > 2 ? ev.applyLambda(args.get(2), List.of(item), at) : item);
        }
        return new Value.Obj(out, at);
      }
      case "groupby": {
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        for (Value item : items) {
          Value key = ev.applyLambda(args.get(1), List.of(item), at);
          if (key instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
          if (!(key instanceof Value.Str k)) return new Value.Unknown("groupBy()'s lambda must return a string", at);
          groups.computeIfAbsent(k.value(), x -> new ArrayList<>()).add(item);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, new Value.Arr(v, at)));
        return new Value.Obj(out, at);
      }
      default:
        return new Value.Unknown(c.name() + "() is not evaluated", at);
    }
  }

  /** map() and filter() pass the index as a second argument to lambdas that declare one. */
  private static List<Value> withIndex(Value item, int i, Meta at) {
    return List.of(item, Functions.num(i, at));
  }

  /** sort(): lambda(a, b) is true when a comes before b; a stable merge sort over it. */
  private static Value sort(Evaluator ev, List<Value> items, Expr lambda, Meta at) {
    List<Value> out = new ArrayList<>(items);
    Value.Unknown[] unknown = new Value.Unknown[1];
    try {
      out.sort((x, y) -> {
        if (unknown[0] != null) return 0;
        Value before = ev.applyLambda(lambda, List.of(x, y), at);
        if (before instanceof Value.Bool b) {
          if (b.value()) return -1;
          Value after = ev.applyLambda(lambda, List.of(y, x), at);
          if (after instanceof Value.Bool a2) return a2.value() ? 1 : 0;
          before = after;
        }
        unknown[0] = before instanceof Value.Unknown u ? u : new Value.Unknown("sort()'s lambda must return a boolean", at);
        return 0;
      });
    } catch (IllegalArgumentException inconsistent) {
      return new Value.Unknown("sort()'s lambda is not a consistent ordering", at);
    }
    if (unknown[0] != null) return new Value.Unknown(unknown[0].reason(), at);
    return new Value.Arr(out, at);
  }
}
