package dev.exfilguard.bicep;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.bicep.Syntax.*;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers one Bicep file into the ARM template the compiler would write from it, languageVersion
 * 2.0: parameters, variables (loops as {@code copy}), user-defined functions in the
 * {@code __bicep} namespace, types as {@code definitions}, resources keyed by symbolic name
 * (children of nested and {@code parent:} declarations with full types and
 * {@code format('{0}/{1}', ...)} names, loops as {@code copy}, {@code if} as {@code condition}),
 * modules as {@code Microsoft.Resources/deployments} with their template inline in inner scope,
 * and outputs. Every value carries the {@code .bicep} position it came from, so a finding points
 * at the attribute (or at the {@code resource} line when the attribute is omitted).
 */
final class Lowering {
  /** What is being lowered: a deployable template, a file imported from, or a parameters file. */
  enum Mode { TEMPLATE, LIBRARY, PARAMS }

  /** ARM's deployments API version the compiler writes for modules. */
  private static final String DEPLOYMENTS_API = "2025-04-01";
  private static final String DEPLOYMENTS = "Microsoft.Resources/deployments";

  final Reading reading;
  final Path file;
  final String shown;
  final Program program;
  final Sections out;
  /** Appended to the names this file's variables, functions and types get in the template. */
  private final String suffix;
  final Mode mode;
  final int depth;
  final Map<String, Symbol> symbols = new HashMap<>();
  final Expressions ex;
  String targetScope = "resourceGroup";
  /** Resources and modules in declaration order (nested children right after their parent). */
  private final List<Symbol> deployables = new ArrayList<>();
  private final Map<ResourceSym, Optional<Lowered.Res>> parents = new HashMap<>();

  Lowering(Reading reading, Path file, Program program, Sections out, String suffix, Mode mode, int depth) {
    this.reading = reading;
    this.file = file;
    this.shown = reading.display(file);
    this.program = program;
    this.out = out;
    this.suffix = suffix;
    this.mode = mode;
    this.depth = depth;
    this.ex = new Expressions(this);
  }

  /** The template of a Bicep file (the file being read, or a module of it). */
  static Value.Obj template(Reading reading, Path file, Program program, int depth) {
    Lowering l = new Lowering(reading, file, program, new Sections(), "", Mode.TEMPLATE, depth);
    l.declare();
    return l.emit();
  }

  Location at(Span s) {
    return new Location(shown, s.line(), s.column());
  }

  private Meta meta(Span s) {
    return Meta.explicit(at(s));
  }

  /**
   * An expression that is Unknown for {@code reason}: a variable holding the Unknown, so that the
   * reason survives evaluation and reaches notes.
   */
  String unknownText(String reason, Location where) {
    String name = "$unknown" + (++out.unknowns);
    out.variables.put(name, new Value.Unknown(reason, Meta.explicit(where != null ? where : new Location(shown, 0, 0))));
    return "variables(" + Lowered.quote(name) + ")";
  }

  static Expr property(ObjectExpr body, String name) {
    for (Member m : body.members()) {
      if (m instanceof Property p && p.key() instanceof StrLit k && k.value().equals(name)) return p.value();
    }
    return null;
  }

  // ------------------------------------------------------------------ declarations

  void declare() {
    for (Stmt s : program.statements()) {
      if (s instanceof TargetScope t) {
        if (t.value() instanceof StrLit v) targetScope = v.value();
      } else if (s instanceof Param p) {
        if (mode != Mode.PARAMS) symbols.put(p.name(), new Symbol.Param(p.name()));
      } else if (s instanceof Var v) {
        symbols.put(v.name(), new Symbol.Var(v.name() + suffix));
      } else if (s instanceof Func f) {
        symbols.put(f.name(), new Symbol.Func("__bicep." + f.name() + suffix));
      } else if (s instanceof TypeDecl t) {
        symbols.put(t.name(), new Symbol.Type(t.name() + suffix));
      } else if (s instanceof ResourceDecl r) {
        declareResource(r, null);
      } else if (s instanceof ModuleDecl m) {
        declareModule(m);
      } else if (s instanceof Import i) {
        declareImport(i);
      }
    }
  }

  /** A body unwrapped: {@code [for ...: if (...) {...}]}. */
  private record Body(ForExpr loop, Expr condition, ObjectExpr object) {}

  private Body body(Expr e, Span declaration, String what) {
    ForExpr loop = null;
    Expr condition = null;
    if (e instanceof ForExpr f) {
      loop = f;
      e = f.body();
    }
    if (e instanceof IfExpr i) {
      condition = i.condition();
      e = i.body();
    }
    if (e instanceof ObjectExpr o) return new Body(loop, condition, o);
    reading.error(at(declaration), "a " + what + "'s body must be an object");
    return new Body(loop, condition, null);
  }

  private void declareResource(ResourceDecl decl, ResourceSym parent) {
    String t = decl.type().value();
    int atSign = t.lastIndexOf('@');
    String type = atSign < 0 ? t : t.substring(0, atSign);
    // a nested declaration may leave out the API version: it is its parent's
    String api = atSign >= 0 ? t.substring(atSign + 1) : parent != null ? parent.api : "";
    if (parent != null && !type.contains("/")) type = parent.type + "/" + type;
    Body b = body(decl.body(), decl.span(), "resource");
    String symbol = parent == null ? decl.name() : parent.symbol + "::" + decl.name();
    ResourceSym s = new ResourceSym(this, symbol, decl, type, api, b.loop(), b.condition(), b.object(), parent);
    if (parent == null) symbols.put(decl.name(), s);
    else parent.children.put(decl.name(), s);
    deployables.add(s);
    if (b.object() != null) {
      for (Member m : b.object().members()) if (m instanceof NestedResource n) declareResource(n.resource(), s);
    }
  }

  private void declareModule(ModuleDecl decl) {
    Body b = body(decl.body(), decl.span(), "module");
    ModuleSym m = new ModuleSym(this, decl.name(), decl, b.loop(), b.condition(), b.object());
    symbols.put(decl.name(), m);
    deployables.add(m);
  }

  // ------------------------------------------------------------------ imports

  private void declareImport(Import i) {
    String ref = i.from().value();
    ModuleRefs.Target target = ModuleRefs.resolve(ref, file, reading);
    Map<String, Symbol> exported = null;
    String missing = null;
    if (target instanceof ModuleRefs.Local l) {
      exported = l.file().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? jsonLibrary(l.file()) : library(l.file(), i);
      if (exported == null) missing = reading.display(l.file());
    } else if (target instanceof ModuleRefs.Cached c) {
      exported = jsonLibrary(c.file());
      if (exported == null) missing = ref;
    } else if (target instanceof ModuleRefs.Unavailable u) {
      missing = ref;
      if (!ModuleRefs.isRegistry(ref)) reading.note("import:" + at(i.span()), at(i.span()), "import from " + u.reason() + "; what it imports is unknown");
    }
    if (i.wildcard() != null) {
      symbols.put(i.wildcard(), new Symbol.Namespace(ref, exported == null ? Map.of() : exported, exported != null));
      return;
    }
    for (ImportItem item : i.items()) {
      Symbol s = exported == null ? new Symbol.Missing(item.name(), missing) : exported.get(item.name());
      if (s == null) {
        reading.error(at(item.span()), "'" + item.name() + "' is not declared in " + ref);
        s = new Symbol.Missing(item.name(), ref);
      }
      symbols.put(item.alias() != null ? item.alias() : item.name(), s);
    }
  }

  /** The variables, functions and types of an imported Bicep file, written into this template once. */
  private Map<String, Symbol> library(Path lib, Import at) {
    Path key = lib.toAbsolutePath().normalize();
    Lowering l = out.libraries.get(key);
    if (l == null) {
      if (reading.moduleStack.contains(key)) {
        reading.note("import-cycle:" + key, at(at.span()), "import from " + reading.display(key) + " imports itself; it is not read again");
        return null;
      }
      Optional<Program> p = reading.program(key);
      if (p.isEmpty()) return null;
      l = new Lowering(reading, key, p.get(), out, "_$" + (++out.libraryCount), Mode.LIBRARY, depth);
      out.libraries.put(key, l);
      reading.moduleStack.push(key);
      try {
        l.declare();
        l.emitLibrary();
      } finally {
        reading.moduleStack.pop();
      }
    }
    Map<String, Symbol> exported = new HashMap<>();
    for (Map.Entry<String, Symbol> e : l.symbols.entrySet()) {
      Symbol s = e.getValue();
      if (s instanceof Symbol.Var || s instanceof Symbol.Func || s instanceof Symbol.Type) exported.put(e.getKey(), s);
    }
    return exported;
  }

  /** The definitions, variables and functions of a compiled template imported from (a JSON file or a cached artifact). */
  private Map<String, Symbol> jsonLibrary(Path json) {
    Optional<Value.Obj> t = jsonTemplate(json);
    if (t.isEmpty()) return null;
    Map<String, Symbol> exported = new HashMap<>();
    t.get().get("definitions").filter(Value.Obj.class::isInstance).ifPresent(d -> {
      for (Map.Entry<String, Value> e : ((Value.Obj) d).fields().entrySet()) {
        out.definitions.putIfAbsent(e.getKey(), e.getValue());
        exported.put(e.getKey(), new Symbol.Type(e.getKey()));
      }
    });
    t.get().get("variables").filter(Value.Obj.class::isInstance).ifPresent(v -> {
      for (Map.Entry<String, Value> e : ((Value.Obj) v).fields().entrySet()) {
        if (e.getKey().equalsIgnoreCase("copy") && e.getValue() instanceof Value.Arr a) {
          for (Value c : a.items()) {
            out.variableCopies.add(c);
            if (c instanceof Value.Obj co && co.get("name").orElse(null) instanceof Value.Str n) exported.put(n.value(), new Symbol.Var(n.value()));
          }
        } else {
          out.variables.putIfAbsent(e.getKey(), e.getValue());
          exported.put(e.getKey(), new Symbol.Var(e.getKey()));
        }
      }
    });
    if (t.get().get("functions").orElse(null) instanceof Value.Arr fns) {
      for (Value ns : fns.items()) {
        if (!(ns instanceof Value.Obj n) || !(n.get("namespace").orElse(null) instanceof Value.Str name)) continue;
        if (!(n.get("members").orElse(null) instanceof Value.Obj members)) continue;
        for (Map.Entry<String, Value> e : members.fields().entrySet()) {
          if (name.value().equals("__bicep")) out.functions.putIfAbsent(e.getKey(), e.getValue());
          exported.put(e.getKey(), new Symbol.Func(name.value() + "." + e.getKey()));
        }
      }
    }
    return exported;
  }

  /** A compiled ARM template read from disk (a local {@code .json} module or a cached artifact). */
  Optional<Value.Obj> jsonTemplate(Path json) {
    Optional<String> text = reading.text(json);
    if (text.isEmpty()) return Optional.empty();
    try {
      Value root = TreeReader.readJson(reading.display(json), text.get());
      if (root instanceof Value.Obj o && TemplateReader.isTemplate(o)) return Optional.of(o);
      reading.error(new Location(reading.display(json), 1, 1), "not an ARM template: its $schema does not name deploymentTemplate.json");
    } catch (SourceSyntaxException e) {
      reading.error(e.location(), e.getMessage());
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ emitting

  Value.Obj emit() {
    for (Stmt s : program.statements()) {
      if (s instanceof Metadata m) {
        out.metadata.put(m.name(), ex.json(ex.lower(m.value(), Locals.EMPTY), at(m.value().span())));
      } else if (s instanceof Param p) {
        if (mode == Mode.PARAMS) {
          if (p.value() != null) {
            out.outputs.put(p.name(), new Value.Obj(Map.of("value", ex.json(ex.lower(p.value(), Locals.EMPTY), at(p.span()))), meta(p.span())));
          }
        } else {
          out.parameters.put(p.name(), parameter(p));
        }
      } else if (s instanceof Var v) {
        variable(v);
      } else if (s instanceof Func f) {
        function(f);
      } else if (s instanceof TypeDecl t) {
        out.definitions.put(t.name() + suffix, Schemas.declaration(t.type(), t.decorators(), this));
      } else if (s instanceof Output o) {
        out.outputs.put(o.name(), output(o));
      }
    }
    if (mode == Mode.TEMPLATE) {
      Map<Symbol, Value> written = new LinkedHashMap<>();
      for (Symbol d : deployables) {
        if (d instanceof ResourceSym r) written.put(r, resource(r));
        else if (d instanceof ModuleSym m) written.put(m, module(m));
      }
      for (Map.Entry<Symbol, Value> e : written.entrySet()) {
        out.resources.put(e.getKey() instanceof ResourceSym r ? r.symbol : ((ModuleSym) e.getKey()).symbol, e.getValue());
      }
    }
    return assemble();
  }

  /** Writes an imported file's variables, functions and types into the importing template. */
  private void emitLibrary() {
    for (Stmt s : program.statements()) {
      if (s instanceof Var v) variable(v);
      else if (s instanceof Func f) function(f);
      else if (s instanceof TypeDecl t) out.definitions.put(t.name() + suffix, Schemas.declaration(t.type(), t.decorators(), this));
    }
  }

  private Value.Obj assemble() {
    Meta m = Meta.explicit(new Location(shown, 1, 1));
    Map<String, Value> t = new LinkedHashMap<>();
    t.put("$schema", new Value.Str(schema(), m));
    t.put("languageVersion", new Value.Str("2.0", m));
    t.put("contentVersion", new Value.Str("1.0.0.0", m));
    if (!out.metadata.isEmpty()) t.put("metadata", new Value.Obj(out.metadata, m));
    if (!out.definitions.isEmpty()) t.put("definitions", new Value.Obj(out.definitions, m));
    if (!out.functions.isEmpty()) {
      Value ns = new Value.Obj(Map.of("namespace", new Value.Str("__bicep", m), "members", new Value.Obj(out.functions, m)), m);
      t.put("functions", new Value.Arr(List.of(ns), m));
    }
    t.put("parameters", new Value.Obj(out.parameters, m));
    Map<String, Value> vars = new LinkedHashMap<>();
    if (!out.variableCopies.isEmpty()) vars.put("copy", new Value.Arr(out.variableCopies, m));
    vars.putAll(out.variables);
    t.put("variables", new Value.Obj(vars, m));
    t.put("resources", new Value.Obj(out.resources, m));
    t.put("outputs", new Value.Obj(out.outputs, m));
    return new Value.Obj(t, m);
  }

  private String schema() {
    return switch (targetScope) {
      case "subscription" -> "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
      case "managementGroup" -> "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#";
      case "tenant" -> "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#";
      default -> "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    };
  }

  private Value parameter(Param p) {
    Map<String, Value> d = Schemas.declarationFields(p.type(), p.decorators(), this);
    if (p.value() != null) d.put("defaultValue", ex.json(ex.lower(p.value(), Locals.EMPTY), at(p.value().span())));
    return new Value.Obj(d, meta(p.span()));
  }

  private void variable(Var v) {
    String name = ((Symbol.Var) symbols.get(v.name())).armName();
    Lowered l = ex.lower(v.value(), Locals.EMPTY);
    if (l instanceof Lowered.Loop loop && !Expressions.hasFilter(loop)) {
      out.variableCopies.add(ex.copyEntry(name, loop, at(v.value().span())));
    } else {
      out.variables.put(name, ex.json(l, at(v.value().span())));
    }
  }

  private void function(Func f) {
    Locals locals = Locals.EMPTY;
    List<Value> params = new ArrayList<>();
    for (TypedParam p : f.parameters()) {
      locals = locals.with(p.name(), new Lowered.Expr("parameters(" + Lowered.quote(p.name()) + ")"));
      Map<String, Value> pd = Schemas.declarationFields(p.type(), List.of(), this);
      pd.put("name", new Value.Str(p.name(), meta(p.span())));
      params.add(new Value.Obj(pd, meta(p.span())));
    }
    Map<String, Value> output = Schemas.declarationFields(f.result(), List.of(), this);
    output.put("value", ex.json(ex.lower(f.body(), locals), at(f.body().span())));
    Map<String, Value> def = new LinkedHashMap<>();
    def.put("parameters", new Value.Arr(params, meta(f.span())));
    def.put("output", new Value.Obj(output, meta(f.body().span())));
    Schemas.metadata(f.decorators(), this).ifPresent(md -> def.put("metadata", md));
    out.functions.put(f.name() + suffix, new Value.Obj(def, meta(f.span())));
  }

  private Value output(Output o) {
    Map<String, Value> d = Schemas.declarationFields(o.type(), o.decorators(), this);
    Lowered l = ex.lower(o.value(), Locals.EMPTY);
    if (l instanceof Lowered.Res r) l = new Lowered.Expr(resourceId(r.symbol(), r.index()));
    if (l instanceof Lowered.Loop loop && !Expressions.hasFilter(loop)) {
      String iter = ex.iterable(loop);
      Map<String, Value> copy = new LinkedHashMap<>();
      Meta m = meta(o.value().span());
      copy.put("count", new Value.Str("[" + Lowered.call("length", iter) + "]", m));
      copy.put("input", ex.json(ex.lower(loop.syntax().body(), ex.bindLoop(loop, iter, "copyIndex()")), at(loop.syntax().body().span())));
      d.put("copy", new Value.Obj(copy, m));
    } else {
      d.put("value", ex.json(l, at(o.value().span())));
    }
    return new Value.Obj(d, meta(o.span()));
  }

  // ------------------------------------------------------------------ resources

  /** The item and index of a resource's or module's own loop, for instance {@code index}. */
  private Locals loopLocals(ForExpr loop, String index) {
    if (loop == null) return Locals.EMPTY;
    Lowered.Loop l = new Lowered.Loop(loop, Locals.EMPTY);
    return ex.bindLoop(l, ex.iterable(l), index == null ? "copyIndex()" : index);
  }

  private Value copy(String name, ForExpr loop, List<Decorator> decorators, Span at) {
    Meta m = meta(at);
    Map<String, Value> c = new LinkedHashMap<>();
    c.put("name", new Value.Str(name, m));
    c.put("count", new Value.Str("[" + Lowered.call("length", ex.iterable(new Lowered.Loop(loop, Locals.EMPTY))) + "]", m));
    // @batchSize(n): the loop deploys n at a time, in series
    Schemas.decoratorArg(decorators, "batchSize").ifPresent(n -> {
      c.put("mode", new Value.Str("serial", m));
      c.put("batchSize", ex.json(ex.lower(n, Locals.EMPTY), at(n.span())));
    });
    return new Value.Obj(c, m);
  }

  private Value.Obj resource(ResourceSym s) {
    Map<String, Value> f = new LinkedHashMap<>();
    Span declSpan = s.decl.span();
    String index = s.loop != null ? "copyIndex()" : null;
    Locals locals = loopLocals(s.loop, index);
    if (s.loop != null) f.put("copy", copy(s.symbol, s.loop, s.decl.decorators(), s.loop.span()));
    if (s.condition != null) f.put("condition", ex.json(ex.lower(s.condition, locals), at(s.condition.span())));
    if (s.existing()) f.put("existing", new Value.Bool(true, meta(declSpan)));
    f.put("type", new Value.Str(s.type, meta(s.decl.type().span())));
    f.put("apiVersion", new Value.Str(s.api, meta(s.decl.type().span())));
    scopeFields(scopeOf(s, index), f, declSpan, false);
    Expr name = s.property("name");
    Location nameAt = at(name != null ? name.span() : declSpan);
    f.put("name", parentOf(s, index) != null ? new Value.Str("[" + fullName(s, index) + "]", Meta.explicit(nameAt))
        : ex.json(resourceName(s, index), nameAt));
    if (s.body != null && !s.existing()) {
      for (Member m : s.body.members()) {
        if (!(m instanceof Property p) || !(p.key() instanceof StrLit k)) continue;
        switch (k.value()) {
          case "name", "parent", "scope", "dependsOn":
            continue;
          default:
            break;
        }
        Lowered v = ex.lower(p.value(), locals);
        // a loop straight under the resource stays an expression: 'copy' there is the resource's own loop
        f.put(k.value(), v instanceof Lowered.Loop ? new Value.Str("[" + ex.text(v) + "]", meta(k.span())) : ex.json(v, at(k.span())));
      }
    }
    Schemas.metadata(s.decl.decorators(), this).ifPresent(md -> f.put("metadata", md));
    return new Value.Obj(f, meta(declSpan));
  }

  /** The resource a child declaration belongs to ({@code parent:} or the enclosing declaration), or null. */
  Lowered.Res parentOf(ResourceSym s, String index) {
    if (s.nestedParent != null) return new Lowered.Res(s.nestedParent, null);
    Expr p = s.property("parent");
    if (p == null) return null;
    Lowered l = ex.lower(p, loopLocals(s.loop, index));
    if (l instanceof Lowered.Res r) return r;
    reading.error(at(p.span()), "'parent' must name a resource");
    return null;
  }

  /** The resource's own {@code name} as written (for a child, the last segment). */
  Lowered resourceName(ResourceSym s, String index) {
    Expr name = s.property("name");
    if (name == null) return ex.unknown("resource " + s.symbol + " has no name", s.decl.span());
    return ex.lower(name, loopLocals(s.loop, index));
  }

  /** The full name: {@code format('{0}/{1}/{2}', grandparent, parent, name)} for a child. */
  String fullName(ResourceSym s, String index) {
    if (parentOf(s, index) == null) return ex.text(resourceName(s, index));
    List<String> segs = segments(s, index);
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < segs.size(); i++) f.append(i == 0 ? "" : "/").append('{').append(i).append('}');
    List<String> args = new ArrayList<>();
    args.add(Lowered.quote(f.toString()));
    args.addAll(segs);
    return Lowered.call("format", args);
  }

  /** The name segments {@code resourceId} takes after the type. */
  private List<String> segments(ResourceSym s, String index) {
    Lowered own = resourceName(s, index);
    Lowered.Res parent = parentOf(s, index);
    if (parent != null) {
      List<String> segs = new ArrayList<>(segments(parent.symbol(), parent.index()));
      segs.add(ex.text(own));
      return segs;
    }
    int n = s.type.split("/").length - 1;
    if (n <= 1) return List.of(ex.text(own));
    List<String> segs = new ArrayList<>();
    if (own instanceof Lowered.Lit lit && lit.value() instanceof Value.Str str && str.value().split("/").length == n) {
      for (String part : str.value().split("/")) segs.add(Lowered.quote(part));
      return segs;
    }
    for (int i = 0; i < n; i++) segs.add(Lowered.call("split", ex.text(own), "'/'") + "[" + i + "]");
    return segs;
  }

  /** Where a resource or module deploys, from its {@code scope:} property. */
  record ScopeRef(String kind, List<String> args) {
    static final ScopeRef DEFAULT = new ScopeRef("default", List.of());
  }

  ScopeRef scopeOf(ResourceSym s, String index) {
    Expr scope = s.property("scope");
    if (scope == null) {
      Lowered.Res parent = parentOf(s, index);
      return parent == null ? ScopeRef.DEFAULT : scopeOf(parent.symbol(), parent.index());
    }
    return scope(scope, loopLocals(s.loop, index));
  }

  private ScopeRef scope(Expr e, Locals locals) {
    String fn = null;
    List<Expr> args = List.of();
    if (e instanceof Call c) {
      fn = c.name();
      args = c.args();
    } else if (e instanceof MethodCall m && m.target() instanceof Ident ns && (ns.name().equals("az") || ns.name().equals("sys"))) {
      fn = m.name();
      args = m.args();
    }
    if (fn != null && List.of("resourceGroup", "subscription", "managementGroup", "tenant").contains(fn)) {
      List<String> texts = new ArrayList<>();
      for (Expr a : args) texts.add(ex.text(ex.lower(a, locals)));
      return new ScopeRef(fn, texts);
    }
    Lowered l = ex.lower(e, locals);
    if (l instanceof Lowered.Res r) {
      if (r.symbol().type.equalsIgnoreCase("Microsoft.Resources/resourceGroups")) {
        return new ScopeRef("resourceGroup", List.of(ex.text(resourceName(r.symbol(), r.index()))));
      }
      if (r.symbol().type.equalsIgnoreCase("Microsoft.Management/managementGroups")) {
        return new ScopeRef("managementGroup", List.of(ex.text(resourceName(r.symbol(), r.index()))));
      }
      return new ScopeRef("extension", List.of(resourceId(r.symbol(), r.index())));
    }
    return new ScopeRef("extension", List.of(ex.text(l)));
  }

  /** The fields that place a resource or deployment at another scope, as the compiler writes them. */
  private void scopeFields(ScopeRef scope, Map<String, Value> f, Span at, boolean module) {
    Meta m = meta(at);
    List<String> a = scope.args();
    switch (scope.kind()) {
      case "resourceGroup" -> {
        if (a.size() == 2) f.put("subscriptionId", expr(a.get(0), m));
        if (!a.isEmpty()) f.put("resourceGroup", expr(a.get(a.size() - 1), m));
      }
      case "subscription" -> {
        if (!a.isEmpty()) f.put("subscriptionId", expr(a.get(0), m));
        else if (!targetScope.equals("subscription")) f.put("subscriptionId", expr("subscription().subscriptionId", m));
      }
      case "managementGroup" -> {
        if (!a.isEmpty()) f.put("scope", expr(Lowered.call("format", "'Microsoft.Management/managementGroups/{0}'", a.get(0)), m));
      }
      case "tenant" -> f.put("scope", new Value.Str("/", m));
      case "extension" -> f.put("scope", expr(a.get(0), m));
      default -> {
      }
    }
  }

  private static Value expr(String text, Meta m) {
    return new Value.Str("[" + text + "]", m);
  }

  /** The resource's ID, as the compiler writes it for where the resource is deployed. */
  String resourceId(ResourceSym s, String index) {
    if (s.loop != null && index == null) index = "copyIndex()";
    List<String> args = new ArrayList<>();
    String type = Lowered.quote(s.type);
    ScopeRef scope = scopeOf(s, index);
    List<String> segs = segments(s, index);
    String fn;
    switch (scope.kind()) {
      case "resourceGroup" -> {
        fn = "resourceId";
        args.addAll(scope.args());
      }
      case "subscription" -> {
        fn = "subscriptionResourceId";
        args.addAll(scope.args());
      }
      case "managementGroup" -> {
        fn = "extensionResourceId";
        args.add(scope.args().isEmpty() ? "managementGroup().id"
            : Lowered.call("tenantResourceId", "'Microsoft.Management/managementGroups'", scope.args().get(0)));
      }
      case "tenant" -> fn = "tenantResourceId";
      case "extension" -> {
        fn = "extensionResourceId";
        args.add(scope.args().get(0));
      }
      default -> {
        switch (targetScope) {
          case "subscription" -> fn = "subscriptionResourceId";
          case "tenant" -> fn = "tenantResourceId";
          case "managementGroup" -> {
            fn = "extensionResourceId";
            args.add("managementGroup().id");
          }
          default -> fn = "resourceId";
        }
      }
    }
    args.add(type);
    args.addAll(segs);
    return Lowered.call(fn, args);
  }

  /** {@code reference(...)}'s first argument for a symbol: its name, or {@code format('sym[{0}]', i)}. */
  String referenceArg(String symbol, String index) {
    if (index == null) return Lowered.quote(symbol);
    return Lowered.call("format", Lowered.quote(symbol.replace("{", "{{").replace("}", "}}") + "[{0}]"), index);
  }

  // ------------------------------------------------------------------ modules

  private Value.Obj module(ModuleSym m) {
    Map<String, Value> f = new LinkedHashMap<>();
    Span declSpan = m.decl.span();
    String index = m.loop != null ? "copyIndex()" : null;
    Locals locals = loopLocals(m.loop, index);
    if (m.loop != null) f.put("copy", copy(m.symbol, m.loop, m.decl.decorators(), m.loop.span()));
    if (m.condition != null) f.put("condition", ex.json(ex.lower(m.condition, locals), at(m.condition.span())));
    f.put("type", new Value.Str(DEPLOYMENTS, meta(declSpan)));
    f.put("apiVersion", new Value.Str(DEPLOYMENTS_API, meta(declSpan)));
    Expr name = m.property("name");
    f.put("name", ex.json(moduleName(m, index), at(name != null ? name.span() : declSpan)));
    Expr scopeExpr = m.property("scope");
    ScopeRef scope = scopeExpr == null ? ScopeRef.DEFAULT : scope(scopeExpr, locals);
    scopeFields(scope, f, declSpan, true);
    String deployedAt = scope.kind().equals("default") ? targetScope : scope.kind();
    // a deployment outside a resource group is itself placed in a region: the compiler uses the parent's
    if (!deployedAt.equals("resourceGroup") && !deployedAt.equals("extension")) {
      f.put("location", new Value.Str("[deployment().location]", meta(declSpan)));
    }
    Meta pm = meta(m.body != null ? m.body.span() : declSpan);
    Map<String, Value> props = new LinkedHashMap<>();
    props.put("expressionEvaluationOptions", new Value.Obj(Map.of("scope", new Value.Str("inner", pm)), pm));
    props.put("mode", new Value.Str("Incremental", pm));
    Expr params = m.property("params");
    if (params instanceof ObjectExpr po && !po.members().isEmpty()) {
      Map<String, Value> ps = new LinkedHashMap<>();
      for (Member mem : po.members()) {
        if (!(mem instanceof Property p) || !(p.key() instanceof StrLit k)) continue;
        Location at = at(k.span());
        if (p.value() instanceof Ternary) {
          // the compiler moves a conditional into the entry: [if(c, createObject('value', a), createObject('value', b))]
          ps.put(k.value(), expr(parameterEntry(p.value(), locals), Meta.explicit(at)));
          continue;
        }
        Lowered v = ex.lower(p.value(), locals);
        if (v instanceof Lowered.Secret s) {
          Meta sm = Meta.explicit(at);
          Value vault = new Value.Obj(Map.of("id", expr(s.vaultId(), sm)), sm);
          Value ref = new Value.Obj(Map.of("keyVault", vault, "secretName", expr(s.secretName(), sm)), sm);
          ps.put(k.value(), new Value.Obj(Map.of("reference", ref), sm));
        } else {
          ps.put(k.value(), ex.json(new Lowered.Obj(List.of(new Lowered.Entry("value", v, at))), at));
        }
      }
      props.put("parameters", new Value.Obj(ps, pm));
    } else if (params != null && !(params instanceof ObjectExpr)) {
      reading.error(at(params.span()), "a module's params must be an object");
    }
    Value.Obj template = moduleTemplate(m);
    if (template != null) props.put("template", template);
    f.put("properties", new Value.Obj(props, pm));
    return new Value.Obj(f, meta(declSpan));
  }

  /** A module parameter's entry as an expression: {@code {value: v}}, a Key Vault reference, or an {@code if} of entries. */
  private String parameterEntry(Expr e, Locals locals) {
    if (e instanceof Ternary t) {
      return Lowered.call("if", ex.text(ex.lower(t.condition(), locals)), parameterEntry(t.whenTrue(), locals),
          parameterEntry(t.whenFalse(), locals));
    }
    Lowered v = ex.lower(e, locals);
    if (v instanceof Lowered.Secret s) {
      return Lowered.call("createObject", "'reference'", Lowered.call("createObject", "'keyVault'",
          Lowered.call("createObject", "'id'", s.vaultId()), "'secretName'", s.secretName()));
    }
    return Lowered.call("createObject", "'value'", ex.text(v));
  }

  /** The deployment's name: as written, or the compiler's default from the symbol and the parent deployment. */
  Lowered moduleName(ModuleSym m, String index) {
    if (m.loop != null && index == null) index = "copyIndex()";
    Expr name = m.property("name");
    if (name != null) return ex.lower(name, loopLocals(m.loop, index));
    String sym = Lowered.quote(m.symbol);
    String unique = Lowered.call("uniqueString", sym, "deployment().name");
    if (m.loop != null) return new Lowered.Expr(Lowered.call("format", Lowered.quote(m.symbol + "-{0}-{1}"), index, unique));
    return new Lowered.Expr(Lowered.call("format", Lowered.quote(m.symbol + "-{0}"), unique));
  }

  /** The module's condition for instance {@code index}, or null when it has none. */
  String moduleCondition(ModuleSym m, String index) {
    if (m.condition == null) return null;
    return ex.text(ex.lower(m.condition, loopLocals(m.loop, index)));
  }

  /** The module's template: a local Bicep file lowered, a local or cached compiled template, or null (with a note). */
  private Value.Obj moduleTemplate(ModuleSym m) {
    String path = m.decl.path().value();
    Location at = at(m.decl.span());
    ModuleRefs.Target target = ModuleRefs.resolve(path, file, reading);
    if (target instanceof ModuleRefs.Unavailable u) {
      reading.note("module:" + at, at, "module " + m.symbol + ": " + u.reason() + "; its outputs are unknown");
      return null;
    }
    if (target instanceof ModuleRefs.Cached c) return jsonTemplate(c.file()).orElse(null);
    Path local = ((ModuleRefs.Local) target).file();
    if (local.toString().toLowerCase(Locale.ROOT).endsWith(".json")) return jsonTemplate(local).orElse(null);
    Path key = local.toAbsolutePath().normalize();
    if (reading.moduleStack.contains(key) || key.equals(file.toAbsolutePath().normalize())) {
      reading.note("module-cycle:" + at, at, "module " + m.symbol + " deploys " + reading.display(key)
          + ", which deploys this file again; it is not read again");
      return null;
    }
    if (depth + 1 > Reading.MAX_MODULE_DEPTH) {
      reading.note("module-depth", at, "modules nested deeper than " + Reading.MAX_MODULE_DEPTH + " levels are not read");
      return null;
    }
    Value.Obj cached = reading.moduleTemplates.get(key);
    if (cached != null) return cached;
    Optional<Program> p = reading.program(key);
    if (p.isEmpty()) return null;
    reading.bicepFiles.add(key);
    reading.moduleStack.push(key);
    Value.Obj t;
    try {
      t = template(reading, key, p.get(), depth + 1);
    } finally {
      reading.moduleStack.pop();
    }
    reading.moduleTemplates.put(key, t);
    return t;
  }

  // ------------------------------------------------------------------ files

  Lowered loadFunction(String name, List<Expr> args, Expr site) {
    return LoadFunctions.load(this, name, args, site);
  }
}
