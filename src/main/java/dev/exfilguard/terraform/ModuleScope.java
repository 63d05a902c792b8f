package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.ConditionalExpr;
import dev.exfilguard.hcl.Expression;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.hcl.Traverser;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One instance of a module, as {@code terraform plan} would evaluate it: its variables (from
 * the caller's inputs, or for the root module from tfvars, the command line and the
 * environment), its locals, its resources expanded by {@code count}/{@code for_each}, and its
 * module calls. Values are computed on first use and kept; a reference cycle gives Unknown (and
 * for locals an ERROR, as Terraform reports it).
 */
final class ModuleScope {
  /** More instances than this are read as one representative: no real configuration comes near it. */
  static final int MAX_INSTANCES = 1000;

  /** Meta-arguments and blocks that are not part of a resource's configuration object. */
  private static final Set<String> META = Set.of("count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection");

  /**
   * One resource or data instance: its Terraform address and the names it binds
   * ({@code count}, {@code each}).
   *
   * @param key null for a single instance, an Integer for count, a String for for_each
   */
  record Instance(String mode, String type, String name, Block block, String address, Object key, Map<String, Value> bindings, Set<Resource.Flag> flags) {}

  /** A reference resolved as far as the scope can; {@code rest} are steps still to walk. */
  record Resolved(Value value, List<Traverser> rest) {}

  /** A file read for {@code file()}: its text, or why it is Unknown, or that it does not exist. */
  record FileText(String display, String text, String unknownReason, boolean missing) {}

  /** One instance of a module call; {@code scope} is null when the module cannot be read. */
  private record ModuleInstance(Object key, ModuleScope scope, Map<String, Value> bindings) {}

  private record ModuleCall(List<ModuleInstance> instances, String unresolved, boolean expanded, boolean representative) {}

  final ModuleConfig config;
  final Loader loader;
  final String prefix;
  final Set<Resource.Flag> flags;
  final TfEvaluator evaluator;
  private final int id;
  private final int depth;
  private final List<Path> ancestors;
  /** A child module's inputs, evaluated in the caller; null for a root module. */
  private final Function<String, Optional<Value>> inputs;
  /** A root module's values from tfvars, the command line and the environment. */
  private final Map<String, Value> rootValues;

  private final Map<String, Value> variableValues = new HashMap<>();
  private final Map<String, Value> localValues = new HashMap<>();
  private final Map<String, Value> outputValues = new HashMap<>();
  private final Map<String, List<Instance>> instances = new HashMap<>();
  private final Map<String, Value> ids = new HashMap<>();
  private final Map<String, ModuleCall> calls = new LinkedHashMap<>();
  private final Deque<String> localStack = new ArrayDeque<>();

  private ModuleScope(ModuleConfig config, Loader loader, String prefix, Set<Resource.Flag> flags, int depth, List<Path> ancestors,
      Function<String, Optional<Value>> inputs, Map<String, Value> rootValues) {
    this.config = config;
    this.loader = loader;
    this.prefix = prefix;
    this.flags = flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags);
    this.depth = depth;
    this.ancestors = ancestors;
    this.inputs = inputs;
    this.rootValues = rootValues;
    this.id = loader.newScopeId();
    this.evaluator = new TfEvaluator(this);
  }

  static ModuleScope root(ModuleConfig config, Loader loader, Map<String, Value> rootValues) {
    List<Path> anc = config.dir() == null ? List.of() : List.of(config.dir().toAbsolutePath().normalize());
    return new ModuleScope(config, loader, "", Set.of(), 0, anc, null, rootValues);
  }

  private static Meta meta(Location at) {
    return Meta.explicit(at);
  }

  // ---------------------------------------------------------------- references

  Resolved resolve(String root, List<Traverser> steps, Location at, TfEvaluator ev) {
    String first = !steps.isEmpty() && steps.get(0) instanceof Traverser.GetAttr g ? g.name() : null;
    List<Traverser> after1 = steps.isEmpty() ? steps : steps.subList(1, steps.size());
    switch (root) {
      case "var":
        if (first != null) return new Resolved(variable(first, at), after1);
        break;
      case "local":
        if (first != null) return new Resolved(local(first, at), after1);
        break;
      case "module":
        if (first != null) return moduleRef(first, after1, at, ev);
        break;
      case "data": {
        String name = after1.isEmpty() || !(after1.get(0) instanceof Traverser.GetAttr n) ? null : n.name();
        if (first != null && name != null) return resourceRef("data", first, name, after1.subList(1, after1.size()), at, ev);
        break;
      }
      case "path":
        if (first != null) return new Resolved(path(first, at), after1);
        break;
      case "terraform":
        // no workspace is selected in a static scan: Terraform's default workspace
        if ("workspace".equals(first)) return new Resolved(new Value.Str("default", meta(at)), after1);
        break;
      case "count":
      case "each":
      case "self":
        return new Resolved(new Value.Unknown(root + " is not available here", meta(at)), List.of());
      default:
        if (first != null && config.resources().containsKey(root + "." + first)) {
          return resourceRef("managed", root, first, after1, at, ev);
        }
    }
    return new Resolved(new Value.Unknown(root + (first != null ? "." + first : "") + " is not declared in " + where(), meta(at)), List.of());
  }

  private String where() {
    return prefix.isEmpty() ? "this module" : prefix.substring(0, prefix.length() - 1);
  }

  private Value path(String which, Location at) {
    if (config.dir() == null || loader.rootDir == null) return new Value.Unknown("path." + which + " is not known here", meta(at));
    Path root = loader.rootDir.toAbsolutePath().normalize();
    // Terraform gives these relative to the working directory, which is the root module's
    Path target = which.equals("module") ? config.dir().toAbsolutePath().normalize() : root;
    String rel = root.relativize(target).toString().replace('\\', '/');
    return new Value.Str(rel.isEmpty() ? "." : rel, meta(at));
  }

  // ---------------------------------------------------------------- variables and locals

  /** {@code var.name}: the input or root value, else the default; Unknown when there is none. */
  Value variable(String name, Location at) {
    Value v = variableValues.get(name);
    if (v == null) {
      v = loader.guarded(id + ":var." + name, () -> computeVariable(name, at),
          () -> new Value.Unknown("variable '" + name + "' refers to itself", meta(at)));
      variableValues.put(name, v);
    }
    return v.relocated(at);
  }

  private Value computeVariable(String name, Location at) {
    Block b = config.variables().get(name);
    if (b == null) return new Value.Unknown("variable '" + name + "' is not declared in " + where(), meta(at));
    Expression type = b.body().attribute("type").map(Attribute::expr).orElse(null);
    Value given = null;
    if (inputs != null) {
      given = inputs.apply(name).orElse(null);
    } else if (rootValues.containsKey(name)) {
      given = rootValues.get(name);
      if (given instanceof Value.Str s && !TypeConstraint.isPrimitive(type)) given = Variables.parseComplex(s, loader);
    }
    boolean nullable = b.body().attribute("nullable").map(a -> !(evaluator.eval(a.expr()) instanceof Value.Bool f && !f.value())).orElse(true);
    if (given != null && !(given instanceof Value.Null && !nullable)) return TypeConstraint.convert(given, type);
    Optional<Attribute> def = b.body().attribute("default");
    if (def.isEmpty()) {
      // one value for this module instance, known only when it is planned: a symbol, so names
      // built from it still compare
      return Value.Unknown.symbolic(Term.symbol("variable:" + id + ":" + name, "var." + name, inputs == null ? "--var " + name + "=..." : null),
          "variable '" + name + "' has no value" + (inputs == null ? " (no default, tfvars or --var)" : " (the module call does not set it)"), meta(at));
    }
    Value d = new TfEvaluator(null, loader.budget).eval(def.get().expr());
    Location defAt = TfEvaluator.location(def.get().expr().range());
    // a default is a constant in Terraform (one that names a variable, itself included, is rejected)
    if (d.isUnknown()) loader.note(defAt, "variable '" + name + "' default is not a constant value (" + ((Value.Unknown) d).reason() + "); its value is unknown");
    d = d.withMeta(d.meta().withVia(d.meta().via() != null ? d.meta().via() : "variable '" + name + "' default at " + defAt.shortForm()));
    return TypeConstraint.convert(d, type);
  }

  /** {@code local.name}, evaluated in dependency order on first use; a cycle is an ERROR. */
  Value local(String name, Location at) {
    Value v = localValues.get(name);
    if (v == null) {
      Attribute a = config.locals().get(name);
      if (a == null) return new Value.Unknown("local value '" + name + "' is not declared in " + where(), meta(at));
      v = loader.guarded(id + ":local." + name, () -> {
        localStack.push(name);
        try {
          return evaluator.eval(a.expr());
        } finally {
          localStack.pop();
        }
      }, () -> cycle(name, a));
      if (!localValues.containsKey(name)) localValues.put(name, v);
      v = localValues.get(name);
    }
    return v.relocated(at);
  }

  private Value cycle(String name, Attribute a) {
    List<String> chain = new ArrayList<>();
    for (String s : localStack) {
      chain.add(0, s);
      if (s.equals(name)) break;
    }
    chain.add(name);
    Location at = TfEvaluator.location(a.range());
    loader.error(at, "local value '" + name + "' refers to itself: " + String.join(" -> ", chain.stream().map(s -> "local." + s).toList()));
    Value u = new Value.Unknown("local value '" + name + "' is part of a reference cycle", meta(at));
    for (String s : chain) localValues.putIfAbsent(s, u);
    return u;
  }

  /** Evaluates every local, so a cycle is reported even where no resource uses it. */
  void checkLocals() {
    for (String name : config.locals().keySet()) local(name, TfEvaluator.location(config.locals().get(name).range()));
  }

  /** {@code output} of this module. */
  Value output(String name, Location at) {
    Value v = outputValues.get(name);
    if (v == null) {
      Block b = config.outputs().get(name);
      if (b == null) throw new EvalError("module " + where() + " has no output \"" + name + "\"");
      v = loader.guarded(id + ":output." + name, () -> b.body().attribute("value").map(a -> evaluator.eval(a.expr()))
              .orElseGet(() -> new Value.Null(meta(TfEvaluator.location(b.range())))),
          () -> new Value.Unknown("output '" + name + "' refers to itself", meta(at)));
      outputValues.put(name, v);
    }
    return v.relocated(at);
  }

  // ---------------------------------------------------------------- resources

  List<Instance> instances(String mode, Block b) {
    String key = mode + "." + b.labels().get(0) + "." + b.labels().get(1);
    List<Instance> l = instances.get(key);
    if (l == null) {
      l = loader.guarded(id + ":expand:" + key, () -> expand(mode, b), List::of);
      instances.put(key, l);
    }
    return l;
  }

  private List<Instance> expand(String mode, Block b) {
    String type = b.labels().get(0);
    String name = b.labels().get(1);
    String base = prefix + (mode.equals("data") ? "data." : "") + type + "." + name;
    List<Instance> out = new ArrayList<>();
    Optional<Attribute> count = b.body().attribute("count");
    Optional<Attribute> forEach = b.body().attribute("for_each");
    if (count.isPresent()) {
      Value n = evaluator.eval(count.get().expr());
      tooMany(n instanceof Value.Num num ? num.value() : null, base, count.get());
      if (n instanceof Value.Num num && num.value().compareTo(BigDecimal.valueOf(MAX_INSTANCES)) <= 0
          && loader.budget.instance(TfEvaluator.location(count.get().range()), num.value().intValue())) {
        int c = num.value().intValue();
        for (int i = 0; i < c; i++) {
          Value idx = new Value.Num(BigDecimal.valueOf(i), meta(TfEvaluator.location(count.get().range())));
          out.add(new Instance(mode, type, name, b, base + "[" + i + "]", i, Map.of("count", obj("index", idx)), flags));
        }
        return out;
      }
      out.add(representative(mode, b, base, count.get(), Map.of("count", obj("index", unknown(count.get(), "count.index")))));
      return out;
    }
    if (forEach.isPresent()) {
      Value v = evaluator.eval(forEach.get().expr());
      Map<String, Value> items = forEachItems(v);
      tooMany(items == null ? null : BigDecimal.valueOf(items.size()), base, forEach.get());
      if (items == null || items.size() > MAX_INSTANCES || !loader.budget.instance(TfEvaluator.location(forEach.get().range()), items.size())) {
        out.add(representative(mode, b, base, forEach.get(),
            Map.of("each", obj2("key", unknown(forEach.get(), "each.key"), "value", unknown(forEach.get(), "each.value")))));
        return out;
      }
      for (Map.Entry<String, Value> e : items.entrySet()) {
        Value k = new Value.Str(e.getKey(), meta(TfEvaluator.location(forEach.get().range())));
        out.add(new Instance(mode, type, name, b, base + "[\"" + e.getKey() + "\"]", e.getKey(), Map.of("each", obj2("key", k, "value", e.getValue())), flags));
      }
      return out;
    }
    loader.budget.instance(TfEvaluator.location(b.range()), 1);
    out.add(new Instance(mode, type, name, b, base, null, Map.of(), flags));
    return out;
  }

  /** A count or for_each larger than {@link #MAX_INSTANCES}: read as one representative, said once where it is. */
  private void tooMany(BigDecimal n, String address, Attribute expansion) {
    if (n != null && n.compareTo(BigDecimal.valueOf(MAX_INSTANCES)) > 0) {
      loader.note(TfEvaluator.location(expansion.range()), address + ": " + expansion.name() + " gives " + n.stripTrailingZeros().toPlainString()
          .replaceAll("^(\\d{30})\\d+$", "$1...") + " instances, more than the " + MAX_INSTANCES
          + " exfilguard reads; one representative instance stands for all");
    }
  }

  /** for_each's keys and values in Terraform's order; null when they are not known. */
  static Map<String, Value> forEachItems(Value v) {
    Map<String, Value> items = new java.util.TreeMap<>();
    if (v instanceof Value.Obj o) {
      items.putAll(o.fields());
      return items;
    }
    if (v instanceof Value.Arr a) {
      for (Value i : a.items()) {
        if (!(i instanceof Value.Str s)) return null;
        items.put(s.value(), i);
      }
      return items;
    }
    return null;
  }

  /**
   * The one instance that stands for a count or for_each whose size is not known: a conditional
   * count ({@code var.x ? 1 : 0}) means the resource may not exist at all.
   */
  private Instance representative(String mode, Block b, String address, Attribute expansion, Map<String, Value> bindings) {
    Set<Resource.Flag> f = EnumSet.noneOf(Resource.Flag.class);
    f.addAll(flags);
    f.addAll(unknownExpansionFlags(expansion.expr()));
    return new Instance(mode, b.labels().get(0), b.labels().get(1), b, address, null, bindings, f);
  }

  /**
   * {@code cond ? 1 : 0} (or {@code cond ? {...} : {}}) with an Unknown condition: at most one
   * instance, which may not exist. Any other Unknown size: the instance stands for all of them.
   */
  private static Set<Resource.Flag> unknownExpansionFlags(Expression e) {
    if (e instanceof ConditionalExpr c) {
      return atMostOne(c.trueExpr()) && atMostOne(c.falseExpr()) ? Set.of(Resource.Flag.CONDITIONAL)
          : Set.of(Resource.Flag.CONDITIONAL, Resource.Flag.REPRESENTATIVE);
    }
    return Set.of(Resource.Flag.REPRESENTATIVE);
  }

  private static boolean atMostOne(Expression e) {
    Value v = new TfEvaluator(null).eval(e);
    if (v instanceof Value.Num n) return n.value().compareTo(BigDecimal.ONE) <= 0;
    if (v instanceof Value.Obj o) return o.fields().size() <= 1;
    if (v instanceof Value.Arr a) return a.items().size() <= 1;
    return false;
  }

  /**
   * The index or key of the one instance that stands for an expansion of unknown size: a symbol
   * of that expansion, so names built from it ({@code "nsg-${count.index}"}) read as names.
   */
  private static Value unknown(Attribute a, String what) {
    Location at = TfEvaluator.location(a.expr().range());
    return Value.Unknown.symbolic(Term.symbol("expansion:" + at + ":" + what, what, null),
        what + " is not known: " + TfEvaluator.describe(a.expr()) + " is not known before apply", meta(at));
  }

  private static Value obj(String k, Value v) {
    return new Value.Obj(Map.of(k, v), v.meta());
  }

  private static Value obj2(String k1, Value v1, String k2, Value v2) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return new Value.Obj(m, v1.meta());
  }

  /** The evaluator for expressions inside an instance's block. */
  TfEvaluator evaluatorFor(Instance i) {
    return (i.bindings().isEmpty() ? evaluator : evaluator.with(i.bindings())).withSelf(i);
  }

  private Resolved resourceRef(String mode, String type, String name, List<Traverser> steps, Location at, TfEvaluator ev) {
    Block b = (mode.equals("data") ? config.data() : config.resources()).get(type + "." + name);
    if (b == null) return new Resolved(new Value.Unknown((mode.equals("data") ? "data." : "") + type + "." + name + " is not declared in " + where(), meta(at)), List.of());
    List<Instance> list = instances(mode, b);
    boolean expanded = b.body().attribute("count").isPresent() || b.body().attribute("for_each").isPresent();
    if (list.isEmpty() && !expanded) {
      return new Resolved(new Value.Unknown("reference cycle through " + type + "." + name, meta(at)), List.of());
    }
    if (!expanded) return attributeStep(list.get(0), steps, at);
    boolean representative = list.size() == 1 && list.get(0).key() == null;
    if (!steps.isEmpty() && !(steps.get(0) instanceof Traverser.GetAttr)) {
      Value key = steps.get(0) instanceof Traverser.LegacyIndex li ? new Value.Num(BigDecimal.valueOf(li.index()), meta(at))
          : ev.strict(((Traverser.IndexStep) steps.get(0)).key());
      List<Traverser> rest = steps.subList(1, steps.size());
      if (representative) return attributeStep(list.get(0), rest, at);
      if (key.isUnknown()) return new Resolved(key, List.of());
      for (Instance i : list) {
        if (i.key() instanceof Integer n && key instanceof Value.Num k && k.value().compareTo(BigDecimal.valueOf(n)) == 0) return attributeStep(i, rest, at);
        if (i.key() instanceof String s && !(key instanceof Value.Arr) && !(key instanceof Value.Obj) && s.equals(TfValues.string(key, "key"))) {
          return attributeStep(i, rest, at);
        }
      }
      throw new EvalError("no instance " + TfValues.string(key, "key") + " of " + type + "." + name);
    }
    if (representative) {
      return new Resolved(new Value.Unknown("the instances of " + type + "." + name + " are not known before apply", meta(at)), List.of());
    }
    if (b.body().attribute("count").isPresent()) {
      return new Resolved(new Value.Arr(list.stream().map(i -> instanceObject(i, at)).toList(), meta(at)), steps);
    }
    Map<String, Value> m = new LinkedHashMap<>();
    for (Instance i : list) m.put((String) i.key(), instanceObject(i, at));
    return new Resolved(new Value.Obj(m, meta(at)), steps);
  }

  private Resolved attributeStep(Instance i, List<Traverser> steps, Location at) {
    if (!steps.isEmpty() && steps.get(0) instanceof Traverser.GetAttr g) {
      return new Resolved(instanceAttribute(i, g.name(), at), steps.subList(1, steps.size()));
    }
    return new Resolved(instanceObject(i, at), steps);
  }

  /** One attribute of an instance, as far as it is known before apply. */
  Value instanceAttribute(Instance i, String attribute, Location at) {
    if (attribute.equals("id")) return id(i).relocated(at);
    Optional<Attribute> a = i.block().body().attribute(attribute);
    if (a.isPresent() && !META.contains(attribute)) {
      return loader.guarded(id + ":attr:" + i.address() + "." + attribute, () -> evaluatorFor(i).eval(a.get().expr()).relocated(at),
          () -> new Value.Unknown("reference cycle through " + i.address() + "." + attribute, meta(at)));
    }
    List<Block> nested = i.block().body().blocks(attribute);
    if (!nested.isEmpty() && !META.contains(attribute)) {
      return loader.guarded(id + ":attr:" + i.address() + "." + attribute, () -> new Value.Arr(
              nested.stream().map(n -> (Value) blockObject(n, evaluatorFor(i))).toList(), meta(at)).relocated(at),
          () -> new Value.Unknown("reference cycle through " + i.address() + "." + attribute, meta(at)));
    }
    String what = i.address() + "." + attribute;
    // one value per instance (a random_string's result, an azurecaf_name's): a symbol of that instance
    return Value.Unknown.symbolic(Term.symbol("attribute:" + what, what, null),
        what + (i.mode().equals("data") ? " is read from Azure at plan time" : " is known only after apply"), meta(at));
  }

  /** The instance as an object: the arguments written in its block, nested blocks as lists, and its id. */
  private Value instanceObject(Instance i, Location at) {
    return loader.guarded(id + ":obj:" + i.address(), () -> {
      Value.Obj o = blockObject(i.block(), evaluatorFor(i));
      Map<String, Value> f = new LinkedHashMap<>(o.fields());
      f.putIfAbsent("id", id(i));
      return new Value.Obj(f, meta(at)).relocated(at);
    }, () -> new Value.Unknown("reference cycle through " + i.address(), meta(at)));
  }

  private static Value.Obj blockObject(Block b, TfEvaluator ev) {
    Map<String, Value> f = new LinkedHashMap<>();
    for (Attribute a : b.body().attributes()) if (!META.contains(a.name())) f.put(a.name(), ev.eval(a.expr()));
    Map<String, List<Value>> nested = new LinkedHashMap<>();
    for (Block n : b.body().blocks()) {
      if (META.contains(n.type()) || n.type().equals("dynamic")) continue;
      nested.computeIfAbsent(n.type(), k -> new ArrayList<>()).add(blockObject(n, ev));
    }
    Meta m = meta(TfEvaluator.location(b.range()));
    nested.forEach((k, v) -> f.putIfAbsent(k, new Value.Arr(v, m)));
    return new Value.Obj(f, m);
  }

  /**
   * An instance's {@code id}: the ARM resource ID, known or built from symbols where its type and
   * names are, and in any case carrying which instance it names, so the graph links by it
   * whatever the names evaluate to.
   */
  Value id(Instance i) {
    Value v = ids.get(i.address());
    if (v == null) {
      Location at = TfEvaluator.location(i.block().range());
      v = loader.guarded(id + ":id:" + i.address(), () -> TerraformIds.of(i, evaluatorFor(i))
              .orElseGet(() -> Value.Unknown.symbolic(Term.symbol("attribute:" + i.address() + ".id", i.address() + ".id", null),
                  i.address() + ".id is known only after apply", meta(at))),
          () -> new Value.Unknown("reference cycle through " + i.address() + ".id", meta(at)));
      v = v.withMeta(v.meta().withRef(i.address()));
      ids.put(i.address(), v);
    }
    return v;
  }

  // ---------------------------------------------------------------- modules

  private Resolved moduleRef(String callName, List<Traverser> steps, Location at, TfEvaluator ev) {
    Block b = config.moduleCalls().get(callName);
    if (b == null) return new Resolved(new Value.Unknown("module." + callName + " is not declared in " + where(), meta(at)), List.of());
    ModuleCall call = call(callName);
    if (call.unresolved() != null) return new Resolved(new Value.Unknown("module." + callName + ": " + call.unresolved(), meta(at)), List.of());
    if (!call.expanded()) return outputStep(call.instances().get(0), steps, at);
    if (!steps.isEmpty() && !(steps.get(0) instanceof Traverser.GetAttr)) {
      Value key = steps.get(0) instanceof Traverser.LegacyIndex li ? new Value.Num(BigDecimal.valueOf(li.index()), meta(at))
          : ev.strict(((Traverser.IndexStep) steps.get(0)).key());
      List<Traverser> rest = steps.subList(1, steps.size());
      if (call.representative()) return outputStep(call.instances().get(0), rest, at);
      if (key.isUnknown()) return new Resolved(key, List.of());
      for (ModuleInstance mi : call.instances()) {
        if (mi.key() instanceof Integer n && key instanceof Value.Num k && k.value().compareTo(BigDecimal.valueOf(n)) == 0) return outputStep(mi, rest, at);
        if (mi.key() instanceof String s && key instanceof Value.Str k && s.equals(k.value())) return outputStep(mi, rest, at);
      }
      throw new EvalError("no instance of module." + callName + " with that key");
    }
    if (call.representative()) return new Resolved(new Value.Unknown("the instances of module." + callName + " are not known before apply", meta(at)), List.of());
    if (b.body().attribute("count").isPresent()) {
      return new Resolved(new Value.Arr(call.instances().stream().map(mi -> outputsObject(mi, at)).toList(), meta(at)), steps);
    }
    Map<String, Value> m = new LinkedHashMap<>();
    for (ModuleInstance mi : call.instances()) m.put((String) mi.key(), outputsObject(mi, at));
    return new Resolved(new Value.Obj(m, meta(at)), steps);
  }

  private Resolved outputStep(ModuleInstance mi, List<Traverser> steps, Location at) {
    if (!steps.isEmpty() && steps.get(0) instanceof Traverser.GetAttr g) return new Resolved(mi.scope().output(g.name(), at), steps.subList(1, steps.size()));
    return new Resolved(outputsObject(mi, at), steps);
  }

  private Value outputsObject(ModuleInstance mi, Location at) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (String o : mi.scope().config.outputs().keySet()) m.put(o, mi.scope().output(o, at));
    return new Value.Obj(m, meta(at));
  }

  /** The instances of a module call, created on first use; a module that cannot be read is noted once. */
  private ModuleCall call(String callName) {
    ModuleCall c = calls.get(callName);
    if (c != null) return c;
    c = loader.guarded(id + ":module." + callName, () -> makeCall(callName),
        () -> new ModuleCall(List.of(), "module refers to itself", false, false));
    calls.put(callName, c);
    return c;
  }

  private ModuleCall makeCall(String callName) {
    Block b = config.moduleCalls().get(callName);
    Location at = TfEvaluator.location(b.range());
    Optional<Attribute> src = b.body().attribute("source");
    String source = src.isPresent() && src.get().expr() instanceof TemplateExpr t && t.isLiteral() ? t.literalText() : null;
    String unresolved = null;
    ModuleConfig child = null;
    Path dir = null;
    if (source == null) {
      unresolved = "its source is not a literal string";
    } else if (!source.startsWith("./") && !source.startsWith("../") && !source.equals(".") && !source.equals("..")) {
      unresolved = "source \"" + source + "\" is a registry or remote module, which exfilguard never downloads; its outputs are Unknown";
    } else if (config.dir() == null || loader.sources == null) {
      unresolved = "local module \"" + source + "\" is not read when files are given as text";
    } else {
      dir = config.dir().resolve(source).toAbsolutePath().normalize();
      if (ancestors.contains(dir)) {
        unresolved = "module \"" + source + "\" calls itself";
      } else if (!loader.sources.inScannedTree(dir)) {
        unresolved = "local module directory \"" + source + "\" is outside the scanned tree and is not read; its outputs are Unknown";
      } else if (depth + 1 > Loader.MAX_MODULE_DEPTH) {
        unresolved = "modules nested deeper than " + Loader.MAX_MODULE_DEPTH + " levels are not followed";
      } else {
        child = loader.childConfig(dir).orElse(null);
        if (child == null) unresolved = "local module directory \"" + source + "\" " + (loader.sources.isDirectory(dir) ? "holds no .tf files" : "does not exist") + "; its outputs are Unknown";
      }
    }
    if (unresolved != null) {
      loader.note(at, "module." + callName + ": " + unresolved);
      return new ModuleCall(List.of(), unresolved, false, false);
    }
    String base = prefix + "module." + callName;
    loader.callAt(base, at);
    List<Path> anc = new ArrayList<>(ancestors);
    anc.add(dir);
    Optional<Attribute> count = b.body().attribute("count");
    Optional<Attribute> forEach = b.body().attribute("for_each");
    List<ModuleInstance> out = new ArrayList<>();
    if (count.isPresent() || forEach.isPresent()) {
      Attribute exp = count.orElse(forEach.orElse(null));
      Value v = evaluator.eval(exp.expr());
      Map<String, Value> each = count.isPresent() ? null : forEachItems(v);
      tooMany(count.isPresent() ? (v instanceof Value.Num n ? n.value() : null) : each == null ? null : BigDecimal.valueOf(each.size()), base, exp);
      if (count.isPresent() && v instanceof Value.Num n && n.value().compareTo(BigDecimal.valueOf(MAX_INSTANCES)) <= 0
          && loader.budget.instance(at, n.value().intValue())) {
        for (int i = 0; i < n.value().intValue(); i++) {
          Map<String, Value> bind = Map.of("count", obj("index", new Value.Num(BigDecimal.valueOf(i), meta(TfEvaluator.location(exp.range())))));
          out.add(new ModuleInstance(i, childScope(child, b, base + "[" + i + "].", bind, flags, anc), bind));
        }
        return new ModuleCall(out, null, true, false);
      }
      Map<String, Value> items = each;
      if (items != null && items.size() <= MAX_INSTANCES && loader.budget.instance(at, items.size())) {
        for (Map.Entry<String, Value> e : items.entrySet()) {
          Value k = new Value.Str(e.getKey(), meta(TfEvaluator.location(exp.range())));
          Map<String, Value> bind = Map.of("each", obj2("key", k, "value", e.getValue()));
          out.add(new ModuleInstance(e.getKey(), childScope(child, b, base + "[\"" + e.getKey() + "\"].", bind, flags, anc), bind));
        }
        return new ModuleCall(out, null, true, false);
      }
      Set<Resource.Flag> f = EnumSet.noneOf(Resource.Flag.class);
      f.addAll(flags);
      f.addAll(unknownExpansionFlags(exp.expr()));
      Map<String, Value> bind = count.isPresent() ? Map.of("count", obj("index", unknown(exp, "count.index")))
          : Map.of("each", obj2("key", unknown(exp, "each.key"), "value", unknown(exp, "each.value")));
      out.add(new ModuleInstance(null, childScope(child, b, base + ".", bind, f, anc), bind));
      return new ModuleCall(out, null, true, true);
    }
    if (!loader.budget.instance(at, 1)) {
      String why = "more than " + dev.exfilguard.source.Budget.MAX_INSTANCES + " instances in this configuration; its outputs are Unknown";
      return new ModuleCall(List.of(), why, false, false);
    }
    out.add(new ModuleInstance(null, childScope(child, b, base + ".", Map.of(), flags, anc), Map.of()));
    return new ModuleCall(out, null, false, false);
  }

  private ModuleScope childScope(ModuleConfig child, Block call, String childPrefix, Map<String, Value> bindings, Set<Resource.Flag> f, List<Path> anc) {
    TfEvaluator callerEval = bindings.isEmpty() ? evaluator : evaluator.with(bindings);
    Function<String, Optional<Value>> in = name -> {
      if (Set.of("source", "version", "count", "for_each", "providers", "depends_on").contains(name)) return Optional.empty();
      return call.body().attribute(name).map(a -> {
        Value v = callerEval.eval(a.expr());
        return v.meta().via() != null || v.isUnknown() ? v
            : v.withMeta(v.meta().withVia("module input '" + name + "' at " + TfEvaluator.location(a.range()).shortForm()));
      });
    };
    return new ModuleScope(child, loader, childPrefix, f, depth + 1, anc, in, Map.of());
  }

  /** This scope and the scopes of every module it calls, depth first, in declaration order. */
  List<ModuleScope> tree() {
    List<ModuleScope> out = new ArrayList<>();
    out.add(this);
    for (String callName : config.moduleCalls().keySet()) {
      for (ModuleInstance mi : call(callName).instances()) out.addAll(mi.scope().tree());
    }
    return out;
  }

  // ---------------------------------------------------------------- files

  /** A file for {@code file()}/{@code templatefile()}: relative paths from the root module, only inside the scanned tree. */
  FileText readFile(String path) {
    if (loader.sources == null || loader.rootDir == null) return new FileText(path, null, "file(\"" + path + "\") is not read when files are given as text", false);
    Path p = Path.of(path);
    Path abs = (p.isAbsolute() ? p : loader.rootDir.resolve(p)).toAbsolutePath().normalize();
    String shown = loader.sources.display(abs);
    if (!loader.sources.inScannedTree(abs)) {
      return new FileText(shown, null, "file " + shown + " is outside the scanned tree and is not read", false);
    }
    if (!loader.sources.exists(abs)) return new FileText(shown, null, null, true);
    List<Diagnostic> ds = new ArrayList<>();
    Optional<String> text = loader.sources.read(abs, ds);
    if (text.isEmpty()) return new FileText(shown, null, ds.isEmpty() ? "file " + shown + " cannot be read" : "file " + shown + ": " + ds.get(0).message(), false);
    return new FileText(shown, text.get(), null, false);
  }
}
