package dev.exfilguard.terraform;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resources that change another resource rather than deploy one: the association resources
 * ({@code azurerm_subnet_network_security_group_association} sets the subnet's
 * {@code networkSecurityGroup}), {@code azurerm_storage_account_network_rules}, and
 * {@code azapi_update_resource}. Applied once every resource of the module tree is known, to
 * the resource (or inline child, such as a VNet's subnet) that the target ID names.
 */
final class Patches {
  private Patches() {}

  static List<Resource> apply(List<Resource> resources, List<Loader.Patch> patches) {
    List<Resource> out = new ArrayList<>(resources);
    for (Loader.Patch p : patches) {
      boolean done = byReference(out, p);
      if (!done) {
        Optional<ResourceId> parsed = TerraformIds.parse(p.targetId());
        if (parsed.isPresent()) done = applyTo(out, parsed.get(), p);
      }
      if (!done && p.fallback() != null) out.add(p.fallback());
    }
    return out;
  }

  /** The target named by reference ({@code subnet_id = azurerm_subnet.x.id}), whatever its name evaluates to. */
  private static boolean byReference(List<Resource> out, Loader.Patch p) {
    String ref = p.targetId().meta().ref();
    if (ref == null) return false;
    for (int i = 0; i < out.size(); i++) {
      Resource r = out.get(i);
      if (r.existing() || !r.address().equals(ref)) continue;
      out.set(i, r.withBody(change(r.body(), p.path(), p.value(), p.merge())));
      return true;
    }
    return false;
  }

  private static boolean applyTo(List<Resource> out, ResourceId target, Loader.Patch p) {
    for (int i = 0; i < out.size(); i++) {
      Resource r = out.get(i);
      if (r.existing() || !r.type().equalsIgnoreCase(target.type()) || r.nameTerm().compare(target.name(), true) != Term.Comparison.SAME) continue;
      out.set(i, r.withBody(change(r.body(), p.path(), p.value(), p.merge())));
      return true;
    }
    // an inline child: a subnet declared inside its VNet
    int slash = target.type().lastIndexOf('/');
    List<Term> names = target.name().split('/');
    if (slash < 0 || names.size() < 2) return false;
    String parentType = target.type().substring(0, slash);
    String collection = target.type().substring(slash + 1);
    Term parentName = Term.join(names.subList(0, names.size() - 1), "/");
    Term childName = names.get(names.size() - 1);
    for (int i = 0; i < out.size(); i++) {
      Resource r = out.get(i);
      if (r.existing() || !r.type().equalsIgnoreCase(parentType) || r.nameTerm().compare(parentName, true) != Term.Comparison.SAME) continue;
      Optional<Value> list = r.at("properties." + collection);
      if (list.isEmpty() || !(list.get() instanceof Value.Arr a)) return false;
      List<Value> items = new ArrayList<>(a.items());
      for (int k = 0; k < items.size(); k++) {
        Term n = items.get(k) instanceof Value.Obj o ? Value.termOf(o.fields().get("name")) : null;
        if (n != null && n.compare(childName, true) == Term.Comparison.SAME) {
          Value.Obj o = (Value.Obj) items.get(k);
          items.set(k, change(o, p.path(), p.value(), p.merge()));
          out.set(i, r.withBody(set(r.body(), "properties." + collection, new Value.Arr(items, a.meta()))));
          return true;
        }
      }
    }
    return false;
  }

  private static Value.Obj change(Value.Obj body, String path, Value v, boolean merge) {
    if (!merge) return set(body, path, v);
    Value current = path.isEmpty() ? body : dev.exfilguard.model.Paths.get(body, path).orElse(null);
    Value merged = current instanceof Value.Obj c && v instanceof Value.Obj n ? deepMerge(c, n) : v;
    if (path.isEmpty()) return merged instanceof Value.Obj o ? o : body;
    return set(body, path, merged);
  }

  /** Objects merged key by key ({@code azapi_update_resource} patches what it names); anything else replaced. */
  static Value.Obj deepMerge(Value.Obj base, Value.Obj patch) {
    Map<String, Value> f = new LinkedHashMap<>(base.fields());
    for (Map.Entry<String, Value> e : patch.fields().entrySet()) {
      String key = f.keySet().stream().filter(k -> k.equalsIgnoreCase(e.getKey())).findFirst().orElse(e.getKey());
      Value old = f.get(key);
      f.put(key, old instanceof Value.Obj o && e.getValue() instanceof Value.Obj n ? deepMerge(o, n) : e.getValue());
    }
    return new Value.Obj(f, base.meta());
  }

  /** {@code root} with {@code value} at the dotted {@code path}, replacing what is there. */
  static Value.Obj set(Value.Obj root, String path, Value value) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    Map<String, Value> fields = new LinkedHashMap<>(root.fields());
    String key = fields.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(head.toLowerCase(Locale.ROOT))).findFirst().orElse(head);
    if (dot < 0) {
      fields.put(key, value);
    } else {
      Value child = fields.get(key);
      Value.Obj c = child instanceof Value.Obj o ? o : new Value.Obj(Map.of(), value.meta());
      fields.put(key, set(c, path.substring(dot + 1), value));
    }
    return new Value.Obj(fields, root.meta());
  }
}
