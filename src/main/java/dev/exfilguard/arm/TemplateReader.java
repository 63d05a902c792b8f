package dev.exfilguard.arm;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an ARM template (hand-written or compiled from Bicep) into model resources: resources
 * as an array or as a symbolic-name object (languageVersion 2.0), nested child resources
 * flattened to full types and names, expressions evaluated in the template's scope, resources
 * whose {@code condition} is false dropped, and platform defaults applied.
 */
public final class TemplateReader {
  private static final int MAX_CHILD_DEPTH = 20;

  private TemplateReader() {}

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
    List<Diagnostic> diagnostics = new ArrayList<>();
    TemplateScope scope = new TemplateScope(template, suppliedParams, diagnostics);
    List<Resource> out = new ArrayList<>();
    Optional<Value> resources = template.get("resources");
    if (resources.isPresent()) {
      for (Value r : resourceList(resources.get())) readResource(r, null, scope, out, diagnostics, 0);
    }
    return new ReadResult(out, diagnostics);
  }

  /** Resources as a classic array, or as an object keyed by symbolic name. */
  private static List<Value> resourceList(Value v) {
    if (v instanceof Value.Arr a) return a.items();
    if (v instanceof Value.Obj o) return new ArrayList<>(o.fields().values());
    return List.of();
  }

  private static void readResource(
      Value raw, Resource parent, TemplateScope scope, List<Resource> out, List<Diagnostic> diagnostics, int depth) {
    if (!(raw instanceof Value.Obj decl)) {
      diagnostics.add(Diagnostic.error(raw.location(), "a resource must be a JSON object"));
      return;
    }
    if (depth > MAX_CHILD_DEPTH) {
      diagnostics.add(Diagnostic.note(decl.location(), "child resources nested deeper than " + MAX_CHILD_DEPTH + " levels are not read"));
      return;
    }
    Optional<Value> condition = decl.get("condition").map(scope::evaluate);
    if (condition.isPresent() && condition.get() instanceof Value.Bool b && !b.value()) return;

    Map<String, Value> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : decl.fields().entrySet()) {
      String k = e.getKey();
      if (k.equalsIgnoreCase("resources") || k.equalsIgnoreCase("copy") || k.equalsIgnoreCase("condition")) continue;
      fields.put(k, scope.evaluate(e.getValue()));
    }
    // an Unknown name is shown as written, so a reviewer recognises it and addresses stay distinct
    String type = text(fields.get("type"), text(decl.get("type").orElse(null), "(unknown type)"));
    String name = text(fields.get("name"), text(decl.get("name").orElse(null), "(unknown)"));
    if (parent != null && !type.contains("/")) {
      type = parent.type() + "/" + type;
      name = parent.name() + "/" + name;
    }
    fields.put("type", new Value.Str(type, metaOf(fields.get("type"), decl.location())));
    fields.put("name", new Value.Str(name, metaOf(fields.get("name"), decl.location())));
    boolean existing = fields.get("existing") instanceof Value.Bool b && b.value();
    Value.Obj body = PlatformDefaults.apply(type, new Value.Obj(fields, decl.meta()), decl.location());
    Resource res = new Resource(type, name, type + "/" + name, body, decl.location(), SourceFormat.ARM, existing);
    out.add(res);

    Optional<Value> children = decl.get("resources");
    if (children.isPresent()) {
      for (Value c : resourceList(children.get())) readResource(c, res, scope, out, diagnostics, depth + 1);
    }
  }

  private static dev.exfilguard.model.Meta metaOf(Value v, Location fallback) {
    return v != null ? v.meta() : dev.exfilguard.model.Meta.explicit(fallback);
  }

  private static String text(Value v, String ifUnknown) {
    return v instanceof Value.Str s ? s.value() : ifUnknown;
  }
}
