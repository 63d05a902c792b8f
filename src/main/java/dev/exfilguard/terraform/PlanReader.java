package dev.exfilguard.terraform;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code terraform show -json} plan output as an input: the planned values of every resource
 * (root and child modules), mapped through the same azurerm table as configuration. Values
 * Terraform knows only after apply ({@code after_unknown}) are Unknown, except IDs of resources
 * created in the same plan: the plan's {@code configuration} names the reference
 * ({@code azurerm_subnet.s.id}), and the referenced resource's planned names give its ARM ID, so
 * the graph still links compute to subnet to NSG. Locations point at the plan file: its
 * {@code configuration} carries expressions but no source positions.
 */
final class PlanReader {
  private PlanReader() {}

  static boolean isPlan(Value root) {
    return root instanceof Value.Obj o && o.fields().containsKey("format_version")
        && (o.fields().containsKey("planned_values") || o.fields().containsKey("resource_changes"));
  }

  /** One planned resource instance. */
  private record Planned(String address, String module, String mode, String type, String name, Value.Obj values, Location at) {}

  static ReadResult read(String file, Value.Obj plan) {
    Map<String, Planned> planned = new LinkedHashMap<>();
    plan.get("planned_values").flatMap(pv -> pv instanceof Value.Obj o ? o.get("root_module") : Optional.empty())
        .ifPresent(m -> collect(m, planned));
    Map<String, Value.Obj> unknown = afterUnknown(plan);
    Map<String, Value.Obj> expressions = new HashMap<>();
    plan.get("configuration").filter(Value.Obj.class::isInstance)
        .flatMap(c -> ((Value.Obj) c).get("root_module")).ifPresent(m -> configExpressions(m, "", expressions));

    Loader loader = new Loader(null, dev.exfilguard.source.InputOptions.NONE, null);
    List<Resource> out = new ArrayList<>();
    for (Planned p : planned.values()) {
      Value.Obj values = withUnknowns(p.values(), unknown.get(p.address()), p.address());
      values = withReferencedIds(values, p, expressions.get(p.module() + configAddress(p)), planned);
      Mapping.ObjectSource src = new Mapping.ObjectSource(new Value.Obj(values.fields(), Meta.explicit(p.at())));
      Optional<AzurermMapping.Type> type = AzurermMapping.of(p.type());
      if (type.isPresent()) {
        List<String> names = names(type.get(), values, p.name());
        boolean existing = p.mode().equals("data");
        Value.Obj body = existing ? new Value.Obj(Map.of("properties", new Value.Unknown(p.address() + " is read from Azure", Meta.explicit(p.at()))), Meta.explicit(p.at()))
            : type.get().mapping().build(src);
        out.add(new Resource(type.get().armType(), String.join("/", names), p.address(), body, p.at(), SourceFormat.TERRAFORM, existing));
        continue;
      }
      AzurermMapping.PatchType patch = AzurermMapping.PATCHES.get(p.type());
      if (patch != null) {
        Value target = src.attribute(patch.targetAttribute()).orElse(new Value.Unknown("not set", Meta.explicit(p.at())));
        loader.patches.add(new Loader.Patch(target, patch.path(), patch.mapping().build(src), false, null));
        continue;
      }
      if (p.type().equals("azapi_resource")) azapi(p, values, out);
    }
    return new ReadResult(Patches.apply(out, loader.patches), loader.diagnostics());
  }

  private static void collect(Value module, Map<String, Planned> out) {
    if (!(module instanceof Value.Obj m)) return;
    String moduleAddress = m.get("address").filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value() + ".").orElse("");
    m.get("resources").filter(Value.Arr.class::isInstance).ifPresent(rs -> {
      for (Value r : ((Value.Arr) rs).items()) {
        if (!(r instanceof Value.Obj o)) continue;
        String address = str(o, "address");
        String type = str(o, "type");
        if (address == null || type == null) continue;
        Value.Obj values = o.get("values").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast)
            .orElse(new Value.Obj(Map.of(), o.meta()));
        out.put(address, new Planned(address, moduleAddress, str(o, "mode") == null ? "managed" : str(o, "mode"), type,
            str(o, "name"), values, o.location()));
      }
    });
    m.get("child_modules").filter(Value.Arr.class::isInstance).ifPresent(cs -> ((Value.Arr) cs).items().forEach(c -> collect(c, out)));
  }

  private static String str(Value.Obj o, String key) {
    return o.fields().get(key) instanceof Value.Str s ? s.value() : null;
  }

  /** {@code resource_changes[].change.after_unknown} by address. */
  private static Map<String, Value.Obj> afterUnknown(Value.Obj plan) {
    Map<String, Value.Obj> out = new HashMap<>();
    plan.get("resource_changes").filter(Value.Arr.class::isInstance).ifPresent(rc -> {
      for (Value c : ((Value.Arr) rc).items()) {
        if (!(c instanceof Value.Obj o) || str(o, "address") == null) continue;
        o.get("change").filter(Value.Obj.class::isInstance).flatMap(ch -> ((Value.Obj) ch).get("after_unknown"))
            .filter(Value.Obj.class::isInstance).ifPresent(u -> out.put(str(o, "address"), (Value.Obj) u));
      }
    });
    return out;
  }

  /** Marks what Terraform knows only after apply as Unknown, keeping the known rest. */
  private static Value.Obj withUnknowns(Value.Obj values, Value.Obj unknown, String address) {
    if (unknown == null) return values;
    Map<String, Value> f = new LinkedHashMap<>(values.fields());
    for (Map.Entry<String, Value> e : unknown.fields().entrySet()) {
      Value u = e.getValue();
      Value cur = f.get(e.getKey());
      if (u instanceof Value.Bool b && b.value()) {
        f.put(e.getKey(), new Value.Unknown(address + "." + e.getKey() + " is known only after apply", cur != null ? cur.meta() : values.meta()));
      } else if (u instanceof Value.Obj uo && cur instanceof Value.Obj co) {
        f.put(e.getKey(), withUnknowns(co, uo, address));
      } else if (u instanceof Value.Arr ua && cur instanceof Value.Arr ca) {
        List<Value> items = new ArrayList<>(ca.items());
        for (int i = 0; i < Math.min(items.size(), ua.items().size()); i++) {
          Value ui = ua.items().get(i);
          if (ui instanceof Value.Bool b && b.value()) items.set(i, new Value.Unknown(address + "." + e.getKey() + " is known only after apply", items.get(i).meta()));
          else if (ui instanceof Value.Obj uo && items.get(i) instanceof Value.Obj io) items.set(i, withUnknowns(io, uo, address));
        }
        f.put(e.getKey(), new Value.Arr(items, ca.meta()));
      }
    }
    return new Value.Obj(f, values.meta());
  }

  /** The configuration's expressions per resource, keyed by module path + unexpanded address. */
  private static void configExpressions(Value module, String prefix, Map<String, Value.Obj> out) {
    if (!(module instanceof Value.Obj m)) return;
    m.get("resources").filter(Value.Arr.class::isInstance).ifPresent(rs -> {
      for (Value r : ((Value.Arr) rs).items()) {
        if (r instanceof Value.Obj o && str(o, "address") != null && o.fields().get("expressions") instanceof Value.Obj ex) {
          out.put(prefix + str(o, "address"), ex);
        }
      }
    });
    m.get("module_calls").filter(Value.Obj.class::isInstance).ifPresent(calls -> ((Value.Obj) calls).fields().forEach((name, call) -> {
      if (call instanceof Value.Obj c) c.get("module").ifPresent(child -> configExpressions(child, prefix + "module." + name + ".", out));
    }));
  }

  /** {@code module.net[0].azurerm_subnet.s["a"]} → {@code azurerm_subnet.s} (the configuration's address). */
  private static String configAddress(Planned p) {
    return (p.mode().equals("data") ? "data." : "") + p.type() + "." + p.name();
  }

  /**
   * An ID attribute Unknown in the plan because its resource is created by the same plan: the
   * ARM ID built from that resource's planned names, so the graph links the two.
   */
  private static Value.Obj withReferencedIds(Value.Obj values, Planned p, Value.Obj expressions, Map<String, Planned> planned) {
    if (expressions == null) return values;
    Map<String, Value> f = new LinkedHashMap<>(values.fields());
    for (Map.Entry<String, Value> e : expressions.fields().entrySet()) {
      Value cur = f.get(e.getKey());
      if (cur != null && !cur.isUnknown() && !(cur instanceof Value.Arr a && a.items().stream().anyMatch(Value::isUnknown))) continue;
      List<String> refs = references(e.getValue());
      List<Value> ids = new ArrayList<>();
      for (String ref : refs) {
        if (!ref.endsWith(".id")) continue;
        Optional<Planned> target = referenced(p.module(), ref.substring(0, ref.length() - 3), planned);
        if (target.isEmpty()) continue;
        // the plan's configuration says which resource the ID is: the graph links by that first
        Meta meta = new Meta(cur != null ? cur.location() : p.at(), dev.exfilguard.model.Origin.EXPLICIT,
            "reference to " + ref + " in the plan's configuration", target.get().address());
        ids.add(idOf(target.get()).<Value>map(id -> new Value.Str(id, meta))
            .orElseGet(() -> new Value.Unknown(ref + " is known only after apply", meta)));
      }
      if (ids.isEmpty()) continue;
      if (cur instanceof Value.Arr a) {
        // a list of IDs: each Unknown element in order takes the next referenced ID
        List<Value> items = new ArrayList<>(a.items());
        int k = 0;
        for (int i = 0; i < items.size() && k < ids.size(); i++) if (items.get(i).isUnknown()) items.set(i, ids.get(k++));
        f.put(e.getKey(), new Value.Arr(items, a.meta()));
      } else if (ids.size() == 1) {
        f.put(e.getKey(), ids.get(0));
      }
    }
    return new Value.Obj(f, values.meta());
  }

  private static List<String> references(Value expr) {
    List<String> out = new ArrayList<>();
    if (expr instanceof Value.Obj o && o.fields().get("references") instanceof Value.Arr a) {
      for (Value r : a.items()) if (r instanceof Value.Str s) out.add(s.value());
    }
    return out;
  }

  /** The planned resource a configuration reference names (the one instance of a counted resource, too). */
  private static Optional<Planned> referenced(String module, String address, Map<String, Planned> planned) {
    Planned target = planned.get(module + address);
    if (target == null) {
      List<Planned> inst = planned.values().stream().filter(x -> x.address().startsWith(module + address + "[")).toList();
      if (inst.size() != 1) return Optional.empty();
      target = inst.get(0);
    }
    return Optional.of(target);
  }

  private static Optional<String> idOf(Planned target) {
    Optional<AzurermMapping.Type> t = AzurermMapping.of(target.type());
    if (t.isEmpty()) return Optional.empty();
    List<String> names = names(t.get(), target.values(), null);
    if (names.contains(null)) return Optional.empty();
    return Optional.ofNullable(TerraformIds.build(t.get().armType(), names.stream().map(dev.exfilguard.model.Term::text).toList(), Meta.explicit(target.at()))
        instanceof Value.Str s ? s.value() : null);
  }

  private static List<String> names(AzurermMapping.Type t, Value.Obj values, String fallback) {
    List<String> names = new ArrayList<>();
    for (String parent : t.parents()) {
      String v = str(values, parent);
      names.add(v == null ? (fallback == null ? null : "(unknown)") : parent.endsWith("_id") ? TerraformIds.lastSegment(v) : v);
    }
    String own = str(values, "name");
    names.add(own != null ? own : fallback);
    return names;
  }

  private static void azapi(Planned p, Value.Obj values, List<Resource> out) {
    String type = str(values, "type");
    if (type == null) return;
    String armType = type.contains("@") ? type.substring(0, type.indexOf('@')) : type;
    Map<String, Value> body = new LinkedHashMap<>();
    Value b = values.fields().get("body");
    if (b instanceof Value.Str s) {
      try {
        b = dev.exfilguard.source.TreeReader.readJson(p.at().file(), s.value()).relocated(s.location());
      } catch (dev.exfilguard.source.SourceSyntaxException e) {
        b = null;
      }
    }
    if (b instanceof Value.Obj o) body.putAll(o.fields());
    String name = str(values, "name");
    out.add(new Resource(armType, name == null ? p.name() : name, p.address(), new Value.Obj(body, Meta.explicit(p.at())), p.at(),
        SourceFormat.TERRAFORM, false));
  }
}
