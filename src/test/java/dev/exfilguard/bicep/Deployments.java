package dev.exfilguard.bicep;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What exfilguard reads as the deployment of a template, for comparing two of them: each
 * resource's type, evaluated name, flags and evaluated body (without {@code dependsOn}, which
 * only orders the deployment), and the top-level outputs. An Unknown equals any Unknown: both
 * sides cannot know it, whatever the reason they give.
 */
final class Deployments {
  private Deployments() {}

  record Deployment(List<Resource> resources, Map<String, Value> outputs) {}

  static Deployment of(Value.Obj template) {
    return of(template, Map.of());
  }

  static Deployment of(Value.Obj template, Map<String, Value> parameters) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Resource> resources = TemplateReader.read(template, parameters).resources();
    return new Deployment(resources, TemplateReader.outputs(template, parameters, diagnostics));
  }

  /**
   * A value for each parameter of the compiled template that has neither a default nor
   * {@code nullable}, by its declared type: {@code 'p-<name>'}, 1, true, [] or {}. With them the
   * names and properties that depend on required parameters are known, and compared as such.
   */
  static Map<String, Value> requiredParameters(Value.Obj compiled) {
    Map<String, Value> out = new LinkedHashMap<>();
    Value.Obj defs = compiled.get("definitions").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast).orElse(null);
    if (!(compiled.get("parameters").orElse(null) instanceof Value.Obj params)) return out;
    dev.exfilguard.model.Meta m = dev.exfilguard.model.Meta.explicit(new dev.exfilguard.model.Location("test", 0, 0));
    for (Map.Entry<String, Value> e : params.fields().entrySet()) {
      if (!(e.getValue() instanceof Value.Obj d) || d.get("defaultValue").isPresent()) continue;
      if (d.get("nullable").orElse(null) instanceof Value.Bool b && b.value()) continue;
      Value.Obj decl = d;
      for (int hops = 0; hops < 5 && decl.get("type").isEmpty() && decl.get("$ref").orElse(null) instanceof Value.Str ref && defs != null; hops++) {
        Value next = defs.get(ref.value().replace("#/definitions/", "")).orElse(null);
        if (!(next instanceof Value.Obj n)) break;
        decl = n;
      }
      String type = decl.get("type").filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value().toLowerCase(Locale.ROOT)).orElse("");
      Value v = switch (type) {
        case "string", "securestring" -> new Value.Str(decl.get("allowedValues").orElse(null) instanceof Value.Arr a && !a.items().isEmpty()
            && a.items().get(0) instanceof Value.Str first ? first.value() : "p-" + e.getKey(), m);
        case "int" -> new Value.Num(java.math.BigDecimal.ONE, m);
        case "bool" -> new Value.Bool(true, m);
        case "array" -> new Value.Arr(List.of(), m);
        case "object", "secureobject" -> new Value.Obj(Map.of(), m);
        default -> null;
      };
      if (v != null) out.put(e.getKey(), v);
    }
    return out;
  }

  /** The differences between two deployments, at most {@code limit}. */
  static List<String> differences(Deployment expected, Deployment actual, int limit) {
    List<String> out = new ArrayList<>();
    Map<String, List<Resource>> byType = new LinkedHashMap<>();
    Map<String, List<Resource>> actualByType = new HashMap<>();
    for (Resource r : expected.resources()) byType.computeIfAbsent(r.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
    // languageVersion 1.0 templates (the compiler writes them when nothing needs 2.0) do not
    // list existing resources; from Bicep they are graph nodes, not part of the deployment
    Map<String, Integer> compiledExisting = new HashMap<>();
    for (Resource r : expected.resources()) if (r.existing()) compiledExisting.merge(key(r), 1, Integer::sum);
    for (Resource r : actual.resources()) {
      if (r.existing() && compiledExisting.merge(key(r), -1, Integer::sum) < 0) continue;
      actualByType.computeIfAbsent(r.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
    }
    Set<String> types = new java.util.TreeSet<>(byType.keySet());
    types.addAll(actualByType.keySet());
    for (String type : types) {
      List<Resource> e = new ArrayList<>(byType.getOrDefault(type, List.of()));
      List<Resource> a = new ArrayList<>(actualByType.getOrDefault(type, List.of()));
      if (e.size() != a.size()) {
        out.add(type + ": " + e.size() + " resources in the compiled template, " + a.size() + " from Bicep ("
            + e.stream().map(Resource::name).toList() + " vs " + a.stream().map(Resource::name).toList() + ")");
        continue;
      }
      // known names match by name; a name still an expression (Unknown) matches in order
      List<Resource> unmatched = new ArrayList<>();
      for (Resource r : e) {
        Resource twin = null;
        if (!r.name().contains("[")) {
          // the same name may be declared twice (a resource and an existing reference to it in a module)
          for (Resource x : a) {
            if (!x.name().equalsIgnoreCase(r.name()) || x.existing() != r.existing()) continue;
            if (twin == null || (sameApi(x, r) && !sameApi(twin, r))) twin = x;
          }
        }
        if (twin == null) {
          unmatched.add(r);
          continue;
        }
        a.remove(twin);
        compare(r, twin, out);
      }
      for (Resource r : unmatched) {
        // a name that is still an expression matches the same expression, else the next one in order
        Resource x = a.stream().filter(c -> c.existing() == r.existing() && c.name().equals(r.name())).findFirst()
            .orElse(a.stream().filter(c -> c.existing() == r.existing()).findFirst().orElse(a.get(0)));
        a.remove(x);
        if (!r.name().contains("[") || !x.name().contains("[")) out.add(r.address() + ": named " + x.name() + " from Bicep");
        else compare(r, x, out);
      }
    }
    Set<String> names = new java.util.TreeSet<>(expected.outputs().keySet());
    names.addAll(actual.outputs().keySet());
    for (String n : names) {
      Value e = expected.outputs().get(n);
      Value a = actual.outputs().get(n);
      if (e == null || a == null) out.add("output " + n + ": " + (e == null ? "only from Bicep" : "missing from Bicep"));
      else diff("output " + n, e, a, out);
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private static boolean sameApi(Resource a, Resource b) {
    return String.valueOf(a.body().fields().get("apiVersion")).equals(String.valueOf(b.body().fields().get("apiVersion")));
  }

  private static String key(Resource r) {
    return r.type().toLowerCase(Locale.ROOT) + "|" + r.name().toLowerCase(Locale.ROOT);
  }

  private static void compare(Resource e, Resource a, List<String> out) {
    String at = e.address();
    if (!e.flags().equals(a.flags())) out.add(at + ": flags " + e.flags() + " vs " + a.flags());
    if (e.existing() != a.existing()) out.add(at + ": existing " + e.existing() + " vs " + a.existing());
    diff(at, strip(e), strip(a), out);
  }

  private static Value strip(Resource r) {
    Map<String, Value> f = new LinkedHashMap<>(r.body().fields());
    f.remove("dependsOn");
    // the compiler picks the deployments API version of its release for modules
    if (r.isType("Microsoft.Resources/deployments")) f.remove("apiVersion");
    return new Value.Obj(f, r.body().meta());
  }

  static void diff(String path, Value e, Value a, List<String> out) {
    if (e instanceof Value.Unknown && a instanceof Value.Unknown) return;
    if (e instanceof Value.Obj eo && a instanceof Value.Obj ao) {
      Set<String> keys = new java.util.TreeSet<>(eo.fields().keySet());
      keys.addAll(ao.fields().keySet());
      for (String k : keys) {
        Value ev = eo.fields().get(k);
        Value av = ao.fields().get(k);
        if (ev == null || av == null) out.add(path + "." + k + ": " + (ev == null ? "only from Bicep: " + show(av) : "missing from Bicep: " + show(ev)));
        else diff(path + "." + k, ev, av, out);
      }
      return;
    }
    if (e instanceof Value.Arr ea && a instanceof Value.Arr aa) {
      if (ea.items().size() != aa.items().size()) {
        out.add(path + ": " + ea.items().size() + " items vs " + aa.items().size());
        return;
      }
      for (int i = 0; i < ea.items().size(); i++) diff(path + "[" + i + "]", ea.items().get(i), aa.items().get(i), out);
      return;
    }
    if (e instanceof Value.Num en && a instanceof Value.Num an && en.value().compareTo(an.value()) == 0) return;
    if (e instanceof Value.Str es && a instanceof Value.Str as && es.value().equals(as.value())) return;
    if (e instanceof Value.Bool eb && a instanceof Value.Bool ab && eb.value() == ab.value()) return;
    if (e instanceof Value.Null && a instanceof Value.Null) return;
    out.add(path + ": " + show(e) + " vs " + show(a));
  }

  private static String show(Value v) {
    if (v instanceof Value.Unknown u) return "Unknown(" + u.reason() + ")";
    String s = v instanceof Value.Str str ? "'" + str.value() + "'" : Value.render(v);
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }
}
