package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.DeploymentTarget;
import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.exfilguard.arm.expr.ExprParser;
import dev.exfilguard.arm.expr.ExprSyntaxException;
import java.util.Set;

/**
 * Turns an ARM template (hand-written or compiled from Bicep) into model resources, as ARM
 * would deploy them: resources as an array or as a symbolic-name object (languageVersion 2.0),
 * nested child resources flattened to full types and names, resource copy loops expanded,
 * {@code condition} applied, nested deployments with inline templates read in their inner or
 * outer scope at any depth, {@code existing} resources kept as graph nodes, and platform
 * defaults applied. All resources of a file, nested deployments included, form one result.
 */
public final class TemplateReader {
  private static final int MAX_CHILD_DEPTH = 20;
  private static final String DEPLOYMENTS = "Microsoft.Resources/deployments";

  private final FileContext file;
  private final List<Resource> out = new ArrayList<>();

  private TemplateReader(FileContext file) {
    this.file = file;
  }

  /** True for a JSON document whose {@code $schema} names a deployment template. */
  public static boolean isTemplate(Value root) {
    return schema(root).map(s -> s.contains("deploymenttemplate.json")).orElse(false);
  }

  /** True for a JSON document whose {@code $schema} names a deployment parameters file. */
  public static boolean isParametersFile(Value root) {
    return schema(root).map(s -> s.contains("deploymentparameters.json")).orElse(false);
  }

  private static Optional<String> schema(Value root) {
    if (!(root instanceof Value.Obj o)) return Optional.empty();
    return o.get("$schema").filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value().toLowerCase(Locale.ROOT));
  }

  /** Reads a parsed template; {@code suppliedParams} override defaults (parameters files, --param). */
  public static ReadResult read(Value.Obj template, Map<String, Value> suppliedParams) {
    return read(template, suppliedParams, new ArrayList<>());
  }

  /**
   * The template's top-level outputs, evaluated as after a deployment with these parameter
   * values: output name to value (an output copy loop gives an array). Its resources are read
   * first, so outputs that refer to nested deployments see theirs.
   */
  public static Map<String, Value> outputs(Value.Obj template, Map<String, Value> suppliedParams, List<Diagnostic> diagnostics) {
    FileContext file = new FileContext(diagnostics, new Limits(diagnostics));
    TemplateReader reader = new TemplateReader(file);
    TemplateScope scope = new TemplateScope(template, suppliedParams, file);
    reader.readTemplate(template, scope, Set.of(), 0);
    Map<String, Value> out = new LinkedHashMap<>();
    if (!(template.get("outputs").orElse(null) instanceof Value.Obj o)) return out;
    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
      if (!(e.getValue() instanceof Value.Obj decl)) continue;
      out.put(e.getKey(), decl.get("copy").orElse(null) instanceof Value.Obj copy ? outputCopy(copy, scope)
          : decl.get("value").map(scope::evaluate).orElse(new Value.Null(decl.meta())));
    }
    return out;
  }

  static ReadResult read(Value.Obj template, Map<String, Value> suppliedParams, List<Diagnostic> diagnostics) {
    return read(template, suppliedParams, diagnostics, new Limits(diagnostics));
  }

  /** Reads a template as part of a deployment unit whose budget {@code limits} carries (a Terraform template deployment). */
  static ReadResult read(Value.Obj template, Map<String, Value> suppliedParams, List<Diagnostic> diagnostics, Limits limits) {
    FileContext file = new FileContext(diagnostics, limits);
    TemplateReader reader = new TemplateReader(file);
    reader.readTemplate(template, new TemplateScope(template, suppliedParams, file), Set.of(), 0);
    return new ReadResult(reader.out, diagnostics);
  }

  private void readTemplate(Value.Obj template, TemplateScope scope, Set<Resource.Flag> flags, int deploymentDepth) {
    Optional<Value> resources = template.get("resources");
    if (resources.isEmpty()) return;
    if (!(resources.get() instanceof Value.Obj byName)) {
      for (Value r : resourceList(resources.get())) readResource(r, null, scope, flags, 0, deploymentDepth, null);
      return;
    }
    // languageVersion 2.0: resources by symbolic name, each read once, on first reference(name)
    // if an earlier one needs it, so what it declares is there for the reference
    Map<String, Value> declarations = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : byName.fields().entrySet()) declarations.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    Map<String, Value> read = new java.util.HashMap<>();
    Set<String> reading = new java.util.HashSet<>();
    scope.symbolicReference = name -> {
      String key = name.toLowerCase(Locale.ROOT);
      if (read.containsKey(key)) return read.get(key);
      int bracket = key.indexOf('[');
      String base = bracket > 0 && key.endsWith("]") ? key.substring(0, bracket) : key;
      Value decl = declarations.get(base);
      if (decl == null || !reading.add(base)) return null;
      Map<String, Value> instances = new LinkedHashMap<>();
      readResource(decl, null, scope, flags, 0, deploymentDepth, instances);
      for (Map.Entry<String, Value> i : instances.entrySet()) read.put(base + i.getKey(), i.getValue());
      read.putIfAbsent(base, null);
      return read.get(key);
    };
    for (String name : declarations.keySet()) scope.symbolicReference.apply(name);
  }

  /** Resources as a classic array, or as an object keyed by symbolic name. */
  private static List<Value> resourceList(Value v) {
    if (v instanceof Value.Arr a) return a.items();
    if (v instanceof Value.Obj o) return new ArrayList<>(o.fields().values());
    return List.of();
  }

  /**
   * Reads one resource declaration (with its copies and children). {@code referenced} collects
   * what {@code reference()} to it returns, by copy suffix ({@code ""}, {@code "[0]"}, ...): a
   * deployment's outputs, a resource's declared properties.
   */
  private void readResource(Value raw, Resource parent, TemplateScope scope, Set<Resource.Flag> inherited, int depth, int deploymentDepth,
      Map<String, Value> referenced) {
    if (!(raw instanceof Value.Obj decl)) {
      file.diagnostics.add(Diagnostic.error(raw.location(), "a resource must be a JSON object"));
      return;
    }
    if (depth > MAX_CHILD_DEPTH) {
      file.noteOnce("child-depth", decl.location(), "child resources nested deeper than " + MAX_CHILD_DEPTH + " levels are not read");
      return;
    }
    Optional<Value> copy = decl.get("copy").filter(Value.Obj.class::isInstance);
    if (copy.isEmpty()) {
      readInstance(decl, parent, scope, inherited, depth, deploymentDepth, null, referenced);
      return;
    }
    Value.Obj loop = (Value.Obj) copy.get();
    String loopName = loop.get("name").filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value()).orElse("");
    Value countValue = loop.get("count").map(scope::evaluate).orElse(new Value.Unknown("copy has no count", loop.meta()));
    Optional<Integer> count = scope.copyCount(countValue, loopName, loop.meta());
    Value savedIndex = scope.resourceIndex;
    try {
      if (count.isEmpty()) {
        // one resource stands for all instances; what depends on the index is Unknown
        Value index = Value.Unknown.symbolic(Term.symbol("copy-index:" + scope.id + ":" + loopName + "@" + decl.location(), "copyIndex()", null),
            "copy loop '" + loopName + "' has an unknown count", loop.meta());
        Set<Resource.Flag> flags = with(inherited, Resource.Flag.REPRESENTATIVE);
        loopInstance(decl, parent, scope, flags, depth, deploymentDepth, loopName, index, "[*]", null);
        return;
      }
      for (int i = 0; i < count.get(); i++) {
        Value index = new Value.Num(BigDecimal.valueOf(i), loop.meta());
        if (!loopInstance(decl, parent, scope, inherited, depth, deploymentDepth, loopName, index, "[" + i + "]", referenced)) return;
      }
    } finally {
      scope.resourceIndex = savedIndex;
      scope.setLoop(loopName, null);
    }
  }

  private boolean loopInstance(Value.Obj decl, Resource parent, TemplateScope scope, Set<Resource.Flag> flags, int depth,
      int deploymentDepth, String loopName, Value index, String suffix, Map<String, Value> referenced) {
    scope.resourceIndex = index;
    scope.setLoop(loopName, index);
    return readInstance(decl, parent, scope, flags, depth, deploymentDepth, suffix, referenced);
  }

  /** Reads one instance of a resource declaration; false once the file's resource limit is reached. */
  private boolean readInstance(Value.Obj decl, Resource parent, TemplateScope scope, Set<Resource.Flag> inherited, int depth,
      int deploymentDepth, String copySuffix, Map<String, Value> referenced) {
    if (file.limits.exhausted()) return false;
    if (++file.resources > Limits.MAX_RESOURCES) {
      file.noteOnce("resources", decl.location(), "more than " + Limits.MAX_RESOURCES + " resources; the rest of this file is not read");
      return false;
    }
    Set<Resource.Flag> flags = inherited;
    Optional<Value> condition = decl.get("condition").map(scope::evaluate);
    if (condition.isPresent()) {
      Value c = condition.get();
      if (c instanceof Value.Bool b && !b.value()) return true;
      if (!(c instanceof Value.Bool)) flags = with(flags, Resource.Flag.CONDITIONAL);
    }
    boolean deployment = isType(decl, scope, DEPLOYMENTS);
    Map<String, Value> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : decl.fields().entrySet()) {
      String k = e.getKey();
      if (k.equalsIgnoreCase("resources") || k.equalsIgnoreCase("copy") || k.equalsIgnoreCase("condition")) continue;
      if (deployment && k.equalsIgnoreCase("properties") && e.getValue() instanceof Value.Obj props) {
        fields.put(k, evaluateDeploymentProperties(props, scope));
        continue;
      }
      fields.put(k, scope.evaluate(e.getValue()));
    }
    Value evaluatedName = fields.get("name");
    String type = text(fields.get("type"), text(decl.get("type").orElse(null), "(unknown type)"));
    Term name = nameTerm(evaluatedName, decl, scope, copySuffix);
    if (parent != null && !type.contains("/")) {
      type = parent.type() + "/" + type;
      name = Term.join(List.of(parent.nameTerm(), name), "/");
    }
    Meta nameMeta = metaOf(evaluatedName, decl.location());
    fields.put("type", new Value.Str(type, metaOf(fields.get("type"), decl.location())));
    fields.put("name", name.isText() ? new Value.Str(name.render(), nameMeta)
        : Value.Unknown.symbolic(name, "the name is known only at deployment (" + name.render() + ")", nameMeta));
    boolean existing = fields.get("existing") instanceof Value.Bool b && b.value();
    Value.Obj body = new Value.Obj(fields, decl.meta());
    // an existing resource is deployed elsewhere: Azure's defaults for omitted values are not ours to assume
    if (!existing) body = PlatformDefaults.apply(type, body, decl.location());
    Resource res = Resource.named(type, name, type + "/" + name.render(), body, decl.location(), SourceFormat.ARM, existing, flags);
    out.add(res);

    Value.Obj outputs = deployment && !existing ? readNestedDeployment(decl, name, evaluatedName, fields, scope, flags, deploymentDepth) : null;
    if (referenced != null) {
      Value properties = body.get("properties").orElse(new Value.Obj(Map.of(), decl.meta()));
      referenced.put(copySuffix == null ? "" : copySuffix, deployment ? outputs : existing ? null : properties);
    }
    Optional<Value> children = decl.get("resources");
    if (children.isPresent()) {
      for (Value c : resourceList(children.get())) readResource(c, res, scope, flags, depth + 1, deploymentDepth, null);
    }
    return true;
  }

  /**
   * A resource's name as a term: known, built from symbols, or, when it is Unknown in a way no
   * symbol says, a symbol of its own for this declaration (and copy), which links to nothing.
   */
  private static Term nameTerm(Value evaluated, Value.Obj decl, TemplateScope scope, String copySuffix) {
    Term t = Value.termOf(evaluated);
    if (t != null) return t;
    String raw = text(decl.get("name").orElse(null), "(unknown)");
    String label = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1).replaceAll("\\s+", " ").trim() : raw;
    if (label.length() > 60) label = label.substring(0, 57) + "...";
    String suffix = copySuffix != null ? copySuffix : "";
    return Term.symbol("name:" + scope.id + ":" + decl.location() + suffix, label + suffix, null);
  }

  /** The type as declared, evaluated only when it is an expression. */
  private static boolean isType(Value.Obj decl, TemplateScope scope, String type) {
    Value t = decl.get("type").orElse(null);
    if (t instanceof Value.Str s && s.value().startsWith("[")) t = scope.evaluate(s);
    return t instanceof Value.Str s && s.value().equalsIgnoreCase(type);
  }

  /** A deployment's properties without its inline template, which is read in its own scope. */
  private static Value evaluateDeploymentProperties(Value.Obj props, TemplateScope scope) {
    Map<String, Value> f = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : props.fields().entrySet()) {
      if (e.getKey().equalsIgnoreCase("template")) continue;
      f.put(e.getKey(), scope.evaluate(e.getValue()));
    }
    return new Value.Obj(f, props.meta());
  }

  /**
   * A nested deployment's inline template. Inner scope: its own parameters (set from
   * {@code properties.parameters.<p>.value}, evaluated in the caller, also when an entry or the
   * whole {@code parameters} object is one expression), variables and functions, and its own
   * deployment target (the {@code resourceGroup} and {@code subscriptionId} it names). Outer
   * scope (ARM's default): its expressions see the caller's parameters, variables and target.
   * Returns what {@code reference()} to the deployment gives: its outputs.
   */
  private Value.Obj readNestedDeployment(Value.Obj decl, Term name, Value evaluatedName, Map<String, Value> fields, TemplateScope scope,
      Set<Resource.Flag> flags, int deploymentDepth) {
    Value.Obj props = decl.get("properties").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast).orElse(null);
    if (props == null) return null;
    if (props.get("templateLink").isPresent()) {
      file.noteOnce("templateLink:" + decl.location(), decl.location(),
          "nested deployment " + name.render() + " links its template (templateLink); it is not followed");
    }
    if (props.get("parametersLink").isPresent()) {
      file.noteOnce("parametersLink:" + decl.location(), decl.location(),
          "nested deployment " + name.render() + " links its parameters (parametersLink); they are not followed");
    }
    if (!(props.get("template").orElse(null) instanceof Value.Obj template)) return null;
    if (deploymentDepth + 1 > Limits.MAX_DEPLOYMENT_DEPTH) {
      file.noteOnce("deployment-depth", decl.location(), "nested deployments deeper than " + Limits.MAX_DEPLOYMENT_DEPTH
          + " levels are not read");
      return null;
    }
    boolean inner = props.get("expressionEvaluationOptions")
        .flatMap(o -> o instanceof Value.Obj oo ? oo.get("scope") : Optional.empty())
        .map(scope::evaluate)
        .filter(Value.Str.class::isInstance)
        .map(s -> ((Value.Str) s).value().equalsIgnoreCase("inner"))
        .orElse(false);
    if (!inner) {
      readTemplate(template, scope, flags, deploymentDepth + 1);
      return recordOutputs(decl, name, evaluatedName, template, scope, scope);
    }
    Map<String, Value> passed = passedParameters(props, scope);
    DeploymentTarget target = scope.target().nested("deployment:" + scope.id + ":" + name.key(true),
        present(fields.get("subscriptionId")), present(fields.get("resourceGroup")), evaluatedName, decl.meta());
    TemplateScope innerScope = new TemplateScope(template, passed, file, target, false);
    readTemplate(template, innerScope, flags, deploymentDepth + 1);
    return recordOutputs(decl, name, evaluatedName, template, innerScope, scope);
  }

  /** A deployment property that is set (not null). */
  private static Value present(Value v) {
    return v == null || v instanceof Value.Null ? null : v;
  }

  /**
   * The values an inner-scope deployment passes to its template's parameters: each entry's
   * {@code value} (a Key Vault {@code reference} is Unknown), evaluated in the caller. Bicep
   * writes an entry, or all of them, as one expression
   * ({@code "[if(cond, createObject('value', 'Enabled'), createObject('value', 'Disabled'))]"}):
   * that is evaluated first, and its result read the same way.
   */
  private static Map<String, Value> passedParameters(Value.Obj props, TemplateScope scope) {
    Map<String, Value> passed = new LinkedHashMap<>();
    Value ps = props.get("parameters").orElse(null);
    boolean evaluated = false;
    if (ps instanceof Value.Str s) {
      ps = scope.evaluate(s);
      evaluated = true;
    }
    if (!(ps instanceof Value.Obj entries)) return passed;
    for (Map.Entry<String, Value> e : entries.fields().entrySet()) {
      Value entry = e.getValue();
      boolean done = evaluated;
      if (entry instanceof Value.Str s && !done) {
        entry = scope.evaluate(s);
        done = true;
      }
      if (entry instanceof Value.Unknown u) {
        passed.put(e.getKey(), u);
        continue;
      }
      if (!(entry instanceof Value.Obj p)) continue;
      // a parameter given by a copy loop ({"copy": [{"name": "value", ...}]}, as Bicep writes a
      // module parameter that is a for-expression) is its value once the loop is expanded
      if (!done && p.get("value").isEmpty() && p.get("copy").isPresent() && scope.evaluate(p) instanceof Value.Obj expanded
          && expanded.get("value").isPresent()) {
        passed.put(e.getKey(), expanded.get("value").get());
        continue;
      }
      if (p.get("value").isPresent()) {
        Value v = p.get("value").get();
        passed.put(e.getKey(), done ? v : scope.evaluate(v));
      } else if (p.get("reference").isPresent()) {
        passed.put(e.getKey(), new Value.Unknown("parameter '" + e.getKey() + "' is a Key Vault reference", p.meta()));
      }
    }
    return passed;
  }

  /**
   * Keeps a nested deployment's outputs, evaluated in the scope its template ran in, so that
   * {@code reference(...)} to the deployment later in the file sees them. A deployment whose
   * name is Unknown is also found by its name expression, as the caller writes
   * {@code reference(resourceId('Microsoft.Resources/deployments', <same expression>))}.
   */
  private Value.Obj recordOutputs(Value.Obj decl, Term name, Value evaluatedName, Value.Obj template, TemplateScope inner, TemplateScope caller) {
    Optional<Value> outputs = template.get("outputs");
    if (outputs.isEmpty() || !(outputs.get() instanceof Value.Obj o)) return null;
    Map<String, Value> evaluated = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
      if (!(e.getValue() instanceof Value.Obj out)) continue;
      Map<String, Value> entry = new LinkedHashMap<>();
      out.get("type").ifPresent(t -> entry.put("type", t));
      Value v = out.get("copy").orElse(null) instanceof Value.Obj copy ? outputCopy(copy, inner)
          : out.get("value").map(inner::evaluate).orElse(new Value.Null(out.meta()));
      entry.put("value", v);
      evaluated.put(e.getKey(), new Value.Obj(entry, out.meta()));
    }
    Value.Obj result = new Value.Obj(Map.of("outputs", new Value.Obj(evaluated, o.meta())), o.meta());
    if (Value.termOf(evaluatedName) != null) {
      file.deploymentOutputs.put(name.key(true), result);
    } else if (decl.get("name").orElse(null) instanceof Value.Str raw && ExprParser.isExpression(raw.value())) {
      try {
        file.deploymentOutputsByName.put(List.of(caller, ExprParser.parseBracketed(raw.value())), result);
      } catch (ExprSyntaxException e) {
        // an unparsable name was reported where the name was evaluated
      }
    }
    return result;
  }

  /**
   * An output copy loop, {@code "copy": {"count": n, "input": ...}}: an array of {@code n}
   * inputs, {@code copyIndex()} counting them; Unknown when the count is.
   */
  private static Value outputCopy(Value.Obj copy, TemplateScope scope) {
    Value countValue = copy.get("count").map(scope::evaluate).orElse(new Value.Unknown("output copy loop has no count", copy.meta()));
    Optional<Integer> count = scope.copyCount(countValue, "output", copy.meta());
    if (count.isEmpty()) {
      return countValue instanceof Value.Unknown u ? new Value.Unknown(u.reason(), copy.meta())
          : new Value.Unknown("output copy loop has no valid count", copy.meta());
    }
    Value input = copy.get("input").orElse(new Value.Null(copy.meta()));
    List<Value> items = new ArrayList<>(count.get());
    Value saved = scope.resourceIndex;
    try {
      for (int i = 0; i < count.get(); i++) {
        scope.resourceIndex = new Value.Num(java.math.BigDecimal.valueOf(i), copy.meta());
        items.add(scope.evaluate(input));
      }
    } finally {
      scope.resourceIndex = saved;
    }
    return new Value.Arr(items, copy.meta());
  }

  private static Set<Resource.Flag> with(Set<Resource.Flag> flags, Resource.Flag flag) {
    EnumSet<Resource.Flag> s = EnumSet.noneOf(Resource.Flag.class);
    s.addAll(flags);
    s.add(flag);
    return s;
  }

  private static Meta metaOf(Value v, Location fallback) {
    return v != null ? v.meta() : Meta.explicit(fallback);
  }

  private static String text(Value v, String ifUnknown) {
    return v instanceof Value.Str s ? s.value() : ifUnknown;
  }
}
