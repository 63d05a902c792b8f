package dev.exfilguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * All resources of one scan and the edges between them. Child resources are found the same way
 * whether they were declared inline in the parent's properties (an NSG's
 * {@code properties.securityRules}), as ARM child resources, or as their own Terraform
 * resources: {@link #children} returns them all.
 */
public final class ResourceGraph {
  /**
   * Child collections that Azure lets a template declare either inline or as child resources;
   * the standalone ones are merged into the parent's array so a rule sees one list.
   */
  private static final List<String> CHILD_COLLECTIONS =
      List.of("securityRules", "subnets", "serviceEndpointPolicyDefinitions", "routes",
          // a classic firewall's rule collections: inline in ARM, standalone resources in azurerm
          "applicationRuleCollections", "networkRuleCollections");

  private final List<Resource> resources;
  private final Map<String, List<Resource>> byType = new HashMap<>();
  private final Map<String, Resource> byTypeAndName = new HashMap<>();
  /** Merged child objects → the standalone resource that declared them. */
  private final Map<Value, Resource> declaredBy = new IdentityHashMap<>();

  public ResourceGraph(List<Resource> input) {
    index(input);
    this.resources = mergeChildren(input);
    byType.clear();
    byTypeAndName.clear();
    index(this.resources);
    indexInlineChildren();
  }

  /**
   * Inline children (a subnet inside its VNet) become findable by type and name, as if declared
   * on their own, so that IDs pointing at them resolve. They are not listed by {@link #ofType}.
   */
  private void indexInlineChildren() {
    for (Resource parent : resources) {
      for (String property : CHILD_COLLECTIONS) {
        for (Child c : children(parent, property)) {
          if (c.declaredBy() != parent) continue;
          String type = parent.type() + "/" + property;
          String name = parent.name() + "/" + c.name();
          Resource virtual = new Resource(type, name, parent.address(), c.body(), c.location(), parent.format(), parent.existing());
          byTypeAndName.putIfAbsent(lower(type) + "|" + lower(name), virtual);
        }
      }
    }
  }

  private void index(List<Resource> list) {
    for (Resource r : list) {
      byType.computeIfAbsent(lower(r.type()), k -> new ArrayList<>()).add(r);
      byTypeAndName.putIfAbsent(lower(r.type()) + "|" + lower(r.name()), r);
    }
  }

  private List<Resource> mergeChildren(List<Resource> input) {
    Map<Resource, Value.Obj> merged = new IdentityHashMap<>();
    for (Resource child : input) {
      int slash = child.type().lastIndexOf('/');
      int nameSlash = child.name().lastIndexOf('/');
      if (slash < 0 || nameSlash < 0 || child.existing()) continue;
      String property = child.type().substring(slash + 1);
      if (CHILD_COLLECTIONS.stream().noneMatch(property::equalsIgnoreCase)) continue;
      Optional<Resource> parent = find(child.type().substring(0, slash), child.name().substring(0, nameSlash));
      if (parent.isEmpty()) continue;
      Map<String, Value> item = new LinkedHashMap<>();
      item.put("name", new Value.Str(child.shortName(), Meta.explicit(child.location())));
      child.body().get("properties").ifPresent(p -> item.put("properties", p));
      Value.Obj itemObj = new Value.Obj(item, Meta.explicit(child.location()));
      declaredBy.put(itemObj, child);
      Value.Obj body = merged.getOrDefault(parent.get(), parent.get().body());
      merged.put(parent.get(), appendTo(body, property, itemObj));
    }
    List<Resource> out = new ArrayList<>(input.size());
    for (Resource r : input) {
      Value.Obj body = merged.get(r);
      out.add(body == null ? r : r.withBody(body));
    }
    return out;
  }

  private static Value.Obj appendTo(Value.Obj body, String property, Value.Obj item) {
    Value props = body.get("properties").orElse(null);
    if (props != null && !(props instanceof Value.Obj)) return body;
    Value.Obj p = props == null ? new Value.Obj(Map.of(), item.meta()) : (Value.Obj) props;
    Value existing = p.get(property).orElse(null);
    if (existing != null && !(existing instanceof Value.Arr) && !(existing instanceof Value.Null)) return body;
    List<Value> items = new ArrayList<>(existing instanceof Value.Arr a ? a.items() : List.of());
    items.add(item);
    Map<String, Value> pf = new LinkedHashMap<>(p.fields());
    String key = pf.keySet().stream().filter(k -> k.equalsIgnoreCase(property)).findFirst().orElse(property);
    pf.put(key, new Value.Arr(items, existing != null ? existing.meta() : item.meta()));
    Map<String, Value> bf = new LinkedHashMap<>(body.fields());
    String pk = bf.keySet().stream().filter(k -> k.equalsIgnoreCase("properties")).findFirst().orElse("properties");
    bf.put(pk, new Value.Obj(pf, p.meta()));
    return new Value.Obj(bf, body.meta());
  }

  public List<Resource> resources() {
    return resources;
  }

  private final Map<String, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A value derived from this graph once and shared by every rule that asks for it (the ML
   * compute subnets, their effective NSGs): the graph does not change after it is built.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(String key, java.util.function.Supplier<T> compute) {
    Object v = derived.get(key);
    if (v == null) {
      v = compute.get();
      Object prior = derived.putIfAbsent(key, v);
      if (prior != null) v = prior;
    }
    return (T) v;
  }

  public List<Resource> ofType(String armType) {
    return byType.getOrDefault(lower(armType), List.of());
  }

  /** The resource with this full type and full name ({@code vnet/snet}), case-insensitively. */
  public Optional<Resource> find(String armType, String fullName) {
    return Optional.ofNullable(byTypeAndName.get(lower(armType) + "|" + lower(fullName)));
  }

  /**
   * The resource an ID names: {@code .../providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet}
   * resolves by provider type and name segments; subscription and resource group are not compared.
   */
  public Optional<Resource> resolveId(String id) {
    int p = id.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
    if (p < 0) return Optional.empty();
    String[] segs = id.substring(p + "/providers/".length()).split("/");
    if (segs.length < 3 || segs.length % 2 == 0) return Optional.empty();
    StringBuilder type = new StringBuilder(segs[0]);
    StringBuilder name = new StringBuilder();
    for (int i = 1; i < segs.length; i += 2) {
      type.append('/').append(segs[i]);
      if (name.length() > 0) name.append('/');
      name.append(segs[i + 1]);
    }
    return find(type.toString(), name.toString());
  }

  /**
   * A child of a resource, wherever it was declared.
   *
   * @param body the child object in ARM's child shape: {@code name} and {@code properties}
   * @param address where a reviewer finds it (the parent's address for inline children)
   * @param declaredBy the resource whose source declares the child
   */
  public record Child(String name, Value.Obj body, String address, Location location, Resource declaredBy) {}

  /**
   * The children of {@code parent} under {@code property} (e.g. {@code securityRules}): those
   * declared inline in {@code properties.<property>} and the merged child resources of type
   * {@code <parent type>/<property>} named {@code <parent name>/...}.
   */
  public List<Child> children(Resource parent, String property) {
    List<Child> out = new ArrayList<>();
    parent.at("properties." + property).ifPresent(v -> {
      if (v instanceof Value.Arr a) {
        for (Value item : a.items()) {
          if (item instanceof Value.Obj o) {
            String n = o.get("name").filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value()).orElse("(unnamed)");
            Resource owner = declaredBy.getOrDefault(o, parent);
            out.add(new Child(n, o, owner.address(), o.location(), owner));
          }
        }
      }
    });
    return out;
  }

  /**
   * Child resources of {@code childType} whose parent is not among the scanned resources
   * (a rule added to an NSG declared elsewhere), grouped by the parent's name.
   */
  public Map<String, List<Resource>> orphans(String parentType, String property) {
    Map<String, List<Resource>> out = new java.util.TreeMap<>();
    for (Resource r : ofType(parentType + "/" + property)) {
      int slash = r.name().lastIndexOf('/');
      String parentName = slash < 0 ? "(unknown)" : r.name().substring(0, slash);
      if (find(parentType, parentName).isEmpty()) out.computeIfAbsent(parentName, k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
