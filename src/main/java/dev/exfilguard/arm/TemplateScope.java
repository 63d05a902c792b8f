package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.Evaluator;
import dev.exfilguard.arm.expr.Scope;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * The evaluation scope of one template: parameters (a supplied value, else {@code defaultValue},
 * else Unknown) and variables, both evaluated lazily and once, with cycles reported.
 */
final class TemplateScope implements Scope {
  private final Map<String, Value.Obj> paramDecls = new HashMap<>();
  private final Map<String, Value> supplied = new HashMap<>();
  private final Map<String, Value> varDecls = new HashMap<>();
  private final Map<String, Value> params = new HashMap<>();
  private final Map<String, Value> vars = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final Set<String> reportedFunctions = new HashSet<>();
  private final List<Diagnostic> diagnostics;
  final Evaluator evaluator = new Evaluator(this);

  TemplateScope(Value.Obj template, Map<String, Value> suppliedParams, List<Diagnostic> diagnostics) {
    this.diagnostics = diagnostics;
    template.get("parameters").ifPresent(p -> {
      if (p instanceof Value.Obj o) {
        for (Entry<String, Value> e : o.fields().entrySet()) {
          if (e.getValue() instanceof Value.Obj decl) paramDecls.put(key(e.getKey()), decl);
        }
      }
    });
    suppliedParams.forEach((k, v) -> supplied.put(key(k), v));
    template.get("variables").ifPresent(v -> {
      if (v instanceof Value.Obj o) o.fields().forEach((k, val) -> varDecls.put(key(k), val));
    });
  }

  @Override
  public Value parameter(String name, Meta at) {
    String k = key(name);
    Value v = params.get(k);
    if (v == null) {
      v = resolveParameter(name, k, at);
      params.put(k, v);
    }
    return relocate(v, at);
  }

  private Value resolveParameter(String name, String k, Meta at) {
    if (supplied.containsKey(k)) {
      Value s = supplied.get(k);
      return withVia(s, "parameter '" + name + "' set at " + s.location().shortForm());
    }
    Value.Obj decl = paramDecls.get(k);
    if (decl == null) return new Value.Unknown("parameter '" + name + "' is not declared", at);
    Value def = decl.get("defaultValue").orElse(null);
    if (def == null) return new Value.Unknown("parameter '" + name + "' has no value and no default", decl.meta());
    if (!inProgress.add("p:" + k)) return new Value.Unknown("parameter '" + name + "' refers to itself", at);
    try {
      Value v = evaluate(def);
      return withVia(v, "parameter '" + name + "' default at " + def.location().shortForm());
    } finally {
      inProgress.remove("p:" + k);
    }
  }

  @Override
  public Value variable(String name, Meta at) {
    String k = key(name);
    Value v = vars.get(k);
    if (v == null) {
      Value decl = varDecls.get(k);
      if (decl == null) return new Value.Unknown("variable '" + name + "' is not declared", at);
      if (!inProgress.add("v:" + k)) {
        diagnostics.add(Diagnostic.note(at.location(), "variable '" + name + "' refers to itself"));
        return new Value.Unknown("variable '" + name + "' refers to itself", at);
      }
      try {
        v = evaluate(decl);
        if (v.meta().via() == null) v = withVia(v, "variable '" + name + "' at " + decl.location().shortForm());
      } finally {
        inProgress.remove("v:" + k);
      }
      vars.put(k, v);
    }
    return relocate(v, at);
  }

  @Override
  public void unknownFunction(String name, Meta at) {
    if (reportedFunctions.add(name.toLowerCase(Locale.ROOT))) {
      diagnostics.add(Diagnostic.note(at.location(), "template function " + name + "() is not evaluated; values that use it are unknown"));
    }
  }

  /** Evaluates every expression string inside a value. */
  Value evaluate(Value v) {
    if (v instanceof Value.Str s) return evaluator.evalString(s);
    if (v instanceof Value.Arr a) {
      List<Value> items = new ArrayList<>(a.items().size());
      for (Value i : a.items()) items.add(evaluate(i));
      return new Value.Arr(items, a.meta());
    }
    if (v instanceof Value.Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Entry<String, Value> e : o.fields().entrySet()) fields.put(e.getKey(), evaluate(e.getValue()));
      return new Value.Obj(fields, o.meta());
    }
    return v;
  }

  private static Value relocate(Value v, Meta at) {
    return v.relocated(at.location());
  }

  private static Value withVia(Value v, String via) {
    String chain = v.meta().via() == null ? via : via + ", " + v.meta().via();
    return v.withMeta(v.meta().withVia(chain));
  }

  /** Parameter and variable names are case-insensitive in ARM. */
  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
