package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.DeploymentTarget;
import dev.exfilguard.arm.expr.Evaluator;
import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.arm.expr.Scope;
import dev.exfilguard.arm.expr.UserFunction;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluation scope of one template (the file's, or a nested deployment's with inner
 * scope): parameters (a supplied value, else {@code defaultValue}, else null when nullable,
 * else Unknown), variables including variable copy loops, user-defined functions, and the
 * copy loops being read. Parameters and variables are evaluated lazily and once, with cycles
 * reported.
 */
final class TemplateScope implements Scope {
  private final Map<String, Value.Obj> paramDecls = new HashMap<>();
  private final Map<String, Value> supplied = new HashMap<>();
  private final Map<String, Value> varDecls = new HashMap<>();
  /** Variables built by the {@code variables.copy} array: name → {name, count, input}. */
  private final Map<String, Value.Obj> varCopies = new HashMap<>();
  private final Map<String, Value> params = new HashMap<>();
  private final Map<String, Value> vars = new HashMap<>();
  private final Map<String, UserFunction> functions = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  /** Indexes of the copy loops being evaluated, by lower-case loop name. */
  private final Map<String, Value> loops = new HashMap<>();
  /** The index of the resource copy loop being read, or null outside one. */
  Value resourceIndex;
  final FileContext file;
  final Evaluator evaluator;
  /** Tells this deployment's symbols from other deployments' (a parameter of a nested template). */
  final String id;
  private final DeploymentTarget target;
  /** Whether the user sets this scope's parameters (the file's own template): notes say how. */
  private final boolean rootParameters;
  /** Declared resources of a languageVersion 2.0 template by symbolic name, for {@code reference('name')}. */
  java.util.function.Function<String, Value> symbolicReference = n -> null;

  TemplateScope(Value.Obj template, Map<String, Value> suppliedParams, FileContext file) {
    this(template, suppliedParams, file, DeploymentTarget.ROOT, true);
  }

  TemplateScope(Value.Obj template, Map<String, Value> suppliedParams, FileContext file, DeploymentTarget target, boolean rootParameters) {
    this.file = file;
    this.id = file.newScopeId();
    this.target = target;
    this.rootParameters = rootParameters;
    this.evaluator = new Evaluator(this, file.limits);
    template.get("parameters").ifPresent(p -> {
      if (p instanceof Value.Obj o) {
        for (Entry<String, Value> e : o.fields().entrySet()) {
          if (e.getValue() instanceof Value.Obj decl) paramDecls.put(key(e.getKey()), decl);
        }
      }
    });
    suppliedParams.forEach((k, v) -> supplied.put(key(k), v));
    template.get("variables").ifPresent(v -> {
      if (!(v instanceof Value.Obj o)) return;
      for (Entry<String, Value> e : o.fields().entrySet()) {
        if (e.getKey().equalsIgnoreCase("copy") && e.getValue() instanceof Value.Arr loops) {
          for (Value loop : loops.items()) {
            if (loop instanceof Value.Obj l && l.get("name").orElse(null) instanceof Value.Str n) varCopies.put(key(n.value()), l);
          }
        } else {
          varDecls.put(key(e.getKey()), e.getValue());
        }
      }
    });
    readFunctions(template);
  }

  /** {@code functions: [{namespace, members: {name: {parameters: [{name}], output: {value}}}}]}. */
  private void readFunctions(Value.Obj template) {
    if (!(template.get("functions").orElse(null) instanceof Value.Arr namespaces)) return;
    for (Value ns : namespaces.items()) {
      if (!(ns instanceof Value.Obj n) || !(n.get("namespace").orElse(null) instanceof Value.Str name)) continue;
      if (!(n.get("members").orElse(null) instanceof Value.Obj members)) continue;
      for (Entry<String, Value> m : members.fields().entrySet()) {
        if (!(m.getValue() instanceof Value.Obj def)) continue;
        List<String> paramNames = new ArrayList<>();
        if (def.get("parameters").orElse(null) instanceof Value.Arr ps) {
          for (Value p : ps.items()) {
            if (p instanceof Value.Obj po && po.get("name").orElse(null) instanceof Value.Str pn) paramNames.add(pn.value());
          }
        }
        Value output = def.get("output").flatMap(o -> o instanceof Value.Obj oo ? oo.get("value") : Optional.empty())
            .orElse(new Value.Unknown("function " + m.getKey() + " has no output value", def.meta()));
        String qualified = name.value() + "." + m.getKey();
        functions.put(key(qualified), new UserFunction(qualified, paramNames, output));
      }
    }
  }

  /** The declared type of a parameter, following a {@code $ref} into {@code definitions}. */
  static Optional<String> declaredType(Value.Obj template, Value.Obj decl) {
    for (int hops = 0; hops < 10 && decl != null; hops++) {
      if (decl.get("type").orElse(null) instanceof Value.Str t) return Optional.of(t.value().toLowerCase(Locale.ROOT));
      if (!(decl.get("$ref").orElse(null) instanceof Value.Str ref) || !ref.value().startsWith("#/definitions/")) break;
      String name = ref.value().substring("#/definitions/".length());
      decl = template.get("definitions").flatMap(d -> d instanceof Value.Obj o ? o.get(name) : Optional.empty())
          .filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast).orElse(null);
    }
    return Optional.empty();
  }

  @Override
  public Value parameter(String name, Meta at) {
    String k = key(name);
    Value v = params.get(k);
    if (v == null) {
      v = resolveParameter(name, k, at);
      params.put(k, v);
    }
    return v.relocated(at.location());
  }

  private Value resolveParameter(String name, String k, Meta at) {
    Value.Obj decl = paramDecls.get(k);
    if (supplied.containsKey(k)) {
      Value s = supplied.get(k);
      if (s.isUnknown()) return symbolic(name, k, (Value.Unknown) s);
      return withVia(s, word(name, decl) + " set at " + s.location().shortForm());
    }
    if (decl == null) return new Value.Unknown("parameter '" + name + "' is not declared", at);
    Value def = decl.get("defaultValue").orElse(null);
    if (def == null) {
      // languageVersion 2.0: a nullable parameter without a value is null
      if (decl.get("nullable").orElse(null) instanceof Value.Bool b && b.value()) return new Value.Null(decl.meta());
      return symbolic(name, k, new Value.Unknown("parameter '" + name + "' has no value and no default", decl.meta()));
    }
    if (!inProgress.add("p:" + k)) return new Value.Unknown("parameter '" + name + "' refers to itself", at);
    try {
      Value v = evaluate(def);
      if (v instanceof Value.Unknown u) return symbolic(name, k, u);
      return withVia(v, word(name, decl) + " default at " + def.location().shortForm());
    } finally {
      inProgress.remove("p:" + k);
    }
  }

  /**
   * A parameter whose value is known only at deployment is a symbol of this deployment: the
   * same value wherever it is used, so names built from it can still be compared. A value that
   * is already symbolic (a default of {@code resourceGroup().location}) keeps its own term.
   */
  private Value symbolic(String name, String k, Value.Unknown u) {
    if (u.term() != null) return u;
    String hint = rootParameters ? "--param " + name + "=..." : null;
    return Value.Unknown.symbolic(Term.symbol("parameter:" + id + ":" + k, name, hint), u.reason(), u.meta());
  }

  /** How a message names the parameter: Bicep's {@code param x}, or ARM's {@code parameter 'x'}. */
  private static String word(String name, Value.Obj decl) {
    boolean bicep = decl != null && decl.location().file().endsWith(".bicep");
    return bicep ? "param " + name : "parameter '" + name + "'";
  }

  @Override
  public Value variable(String name, Meta at) {
    String k = key(name);
    Value v = vars.get(k);
    if (v == null) {
      Value decl = varDecls.get(k);
      Value.Obj loop = varCopies.get(k);
      if (decl == null && loop == null) return new Value.Unknown("variable '" + name + "' is not declared", at);
      if (!inProgress.add("v:" + k)) {
        file.noteOnce("cycle:" + k, at.location(), "variable '" + name + "' refers to itself");
        return new Value.Unknown("variable '" + name + "' refers to itself", at);
      }
      try {
        v = decl != null ? evaluate(decl) : copyArray(loop, loop.meta());
        if (v instanceof Value.Unknown u && u.term() == null) {
          // one value for the whole deployment, even when it is known only then
          v = Value.Unknown.symbolic(Term.symbol("variable:" + id + ":" + k, name, null), u.reason(), u.meta());
        }
        Value origin = decl != null ? decl : loop;
        if (v.meta().via() == null && !v.isUnknown()) v = withVia(v, "variable '" + name + "' at " + origin.location().shortForm());
      } finally {
        inProgress.remove("v:" + k);
      }
      vars.put(k, v);
    }
    return v.relocated(at.location());
  }

  @Override
  public Value referenceByName(dev.exfilguard.arm.expr.Expr nameExpression, Meta at) {
    Value.Obj outputs = file.deploymentOutputsByName.get(java.util.List.of(this, nameExpression));
    return outputs == null ? null : outputs.relocated(at.location());
  }

  @Override
  public Value reference(Value resourceId, Meta at) {
    Term t = Value.termOf(resourceId);
    if (t == null) return null;
    Term name = null;
    Optional<ResourceId> parsed = ResourceId.parse(t);
    if (parsed.isPresent()) {
      if (parsed.get().type().equalsIgnoreCase("Microsoft.Resources/deployments")) name = parsed.get().name();
    } else if (t.split('/').size() == 1) {
      // reference('name'): a languageVersion 2.0 symbolic name, or a deployment of this template by its name
      if (t.isText()) {
        Value declared = symbolicReference.apply(t.render().trim());
        if (declared != null) return declared.relocated(at.location());
      }
      name = t;
    }
    if (name == null) return null;
    Value.Obj outputs = file.deploymentOutputs.get(name.key(true));
    return outputs == null ? null : outputs.relocated(at.location());
  }

  @Override
  public DeploymentTarget target() {
    return target;
  }

  @Override
  public String symbolScope() {
    return id;
  }

  @Override
  public void unknownFunction(String name, Meta at) {
    file.noteOnce("fn:" + name, at.location(), "template function " + name + "() is not evaluated; values that use it are unknown");
  }

  @Override
  public Value copyIndex(String loop, Meta at) {
    if (loop == null) {
      return resourceIndex != null ? resourceIndex : new Value.Unknown("copyIndex() is used outside a resource copy loop", at);
    }
    Value v = loops.get(key(loop));
    return v != null ? v : new Value.Unknown("copyIndex('" + loop + "') names no copy loop being evaluated", at);
  }

  @Override
  public UserFunction function(String qualifiedName) {
    return functions.get(key(qualifiedName));
  }

  /** Sets the index of a named loop (null ends it). */
  void setLoop(String name, Value index) {
    if (index == null) loops.remove(key(name));
    else loops.put(key(name), index);
  }

  /**
   * Evaluates every expression inside a value, expanding property copy loops: an object's
   * {@code copy: [{name, count, input}]} becomes the property {@code name}, an array of
   * {@code count} evaluated inputs.
   */
  Value evaluate(Value v) {
    if (v instanceof Value.Str s) return evaluator.evalString(s);
    // literal parts come back as they are: no copy of what holds no expression
    if (v instanceof Value.Arr a) {
      List<Value> items = new ArrayList<>(a.items().size());
      boolean changed = false;
      for (Value i : a.items()) {
        Value e = evaluate(i);
        changed |= e != i;
        items.add(e);
      }
      return changed ? new Value.Arr(items, a.meta()) : a;
    }
    if (v instanceof Value.Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      boolean changed = false;
      for (Entry<String, Value> e : o.fields().entrySet()) {
        if (e.getKey().equalsIgnoreCase("copy") && isPropertyCopy(e.getValue())) {
          changed = true;
          for (Value loop : ((Value.Arr) e.getValue()).items()) {
            Value.Obj l = (Value.Obj) loop;
            fields.put(((Value.Str) l.get("name").get()).value(), copyArray(l, l.meta()));
          }
        } else {
          Value ev = evaluate(e.getValue());
          String key = e.getKey().startsWith("[") ? propertyName(e.getKey(), o.meta()) : e.getKey();
          changed |= ev != e.getValue() || !key.equals(e.getKey());
          fields.put(key, ev);
        }
      }
      return changed ? new Value.Obj(fields, o.meta()) : o;
    }
    return v;
  }

  /**
   * A property name that is an expression ({@code "[format('rule-{0}', ...)]": ...}, as Bicep
   * writes an interpolated key) is the string it evaluates to; an Unknown one stays as written.
   */
  private String propertyName(String key, Meta at) {
    Value k = evaluator.evalString(new Value.Str(key, at));
    return k instanceof Value.Str s ? s.value() : key;
  }

  private static boolean isPropertyCopy(Value v) {
    if (!(v instanceof Value.Arr a) || a.items().isEmpty()) return false;
    for (Value i : a.items()) {
      if (!(i instanceof Value.Obj o) || !(o.get("name").orElse(null) instanceof Value.Str) || o.get("input").isEmpty()) return false;
    }
    return true;
  }

  /** A property or variable copy loop's array; Unknown when its count is. */
  private Value copyArray(Value.Obj loop, Meta at) {
    String name = loop.get("name").filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value()).orElse("");
    Value input = loop.get("input").orElse(new Value.Null(at));
    Value countValue = loop.get("count").map(this::evaluate).orElse(new Value.Unknown("copy loop '" + name + "' has no count", at));
    Optional<Integer> count = copyCount(countValue, name, at);
    if (count.isEmpty()) {
      return countValue.isUnknown() ? new Value.Unknown(((Value.Unknown) countValue).reason(), at)
          : new Value.Unknown("copy loop '" + name + "' has no valid count", at);
    }
    List<Value> items = new ArrayList<>(count.get());
    Value saved = loops.get(key(name));
    try {
      for (int i = 0; i < count.get(); i++) {
        setLoop(name, new Value.Num(BigDecimal.valueOf(i), at));
        items.add(evaluate(input));
      }
    } finally {
      setLoop(name, saved);
    }
    return new Value.Arr(items, at);
  }

  /** A loop's count as ARM accepts it (0 to 800); above 800 is cut there with a note. */
  Optional<Integer> copyCount(Value count, String loopName, Meta at) {
    if (!(count instanceof Value.Num n)) return Optional.empty();
    long c;
    try {
      c = n.value().toBigIntegerExact().longValueExact();
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
    if (c < 0) return Optional.empty();
    if (c > Limits.MAX_COPY) {
      file.noteOnce("copy-count", count.location(), "copy loop '" + loopName + "' has count " + c + ", above ARM's limit of "
          + Limits.MAX_COPY + "; only the first " + Limits.MAX_COPY + " are read");
      return Optional.of(Limits.MAX_COPY);
    }
    return Optional.of((int) c);
  }

  private static Value withVia(Value v, String via) {
    String chain = v.meta().via() == null ? via : via + ", " + v.meta().via();
    return v.withMeta(v.meta().withVia(chain));
  }

  /** Parameter, variable and function names are case-insensitive in ARM. */
  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
