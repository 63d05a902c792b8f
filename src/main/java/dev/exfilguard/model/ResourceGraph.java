package dev.exfilguard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  /** Inline children (a subnet in its VNet's properties) as resources of their own type, by lower-case type. */
  private final Map<String, List<Resource>> inlineByType = new HashMap<>();
  /** Resources by address, for values that name a resource by reference ({@link Meta#ref()}). */
  private final Map<String, Resource> byAddress = new HashMap<>();
  /** Merged child objects → the standalone resource that declared them. */
  private final Map<Value, Resource> declaredBy = new IdentityHashMap<>();

  public ResourceGraph(List<Resource> input) {
    index(input);
    this.resources = mergeChildren(input);
    byType.clear();
    byTypeAndName.clear();
    index(this.resources);
    for (Resource r : this.resources) byAddress.putIfAbsent(r.address(), r);
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
          Term name = Term.join(List.of(parent.nameTerm(), c.nameTerm()), "/");
          Resource virtual = Resource.named(type, name, parent.address(), c.body(), c.location(), parent.format(), parent.existing(), Set.of());
          byTypeAndName.putIfAbsent(key(type, name), virtual);
          inlineByType.computeIfAbsent(lower(type), k -> new ArrayList<>()).add(virtual);
        }
      }
    }
  }

  private void index(List<Resource> list) {
    for (Resource r : list) {
      byType.computeIfAbsent(lower(r.type()), k -> new ArrayList<>()).add(r);
      byTypeAndName.putIfAbsent(key(r.type(), r.nameTerm()), r);
    }
  }

  private List<Resource> mergeChildren(List<Resource> input) {
    Map<Resource, Value.Obj> merged = new IdentityHashMap<>();
    for (Resource child : input) {
      int slash = child.type().lastIndexOf('/');
      if (slash < 0 || child.nameSegments().size() < 2 || child.existing()) continue;
      String property = child.type().substring(slash + 1);
      if (CHILD_COLLECTIONS.stream().noneMatch(property::equalsIgnoreCase)) continue;
      Optional<Resource> parent = parent(child);
      if (parent.isEmpty()) continue;
      Map<String, Value> item = new LinkedHashMap<>();
      List<Term> segs = child.nameSegments();
      Term own = segs.get(segs.size() - 1);
      item.put("name", own.isText() ? new Value.Str(own.render(), Meta.explicit(child.location()))
          : Value.Unknown.symbolic(own, "the name of " + child.address() + " is known only at deployment", Meta.explicit(child.location())));
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
    return find(armType, Term.text(fullName));
  }

  /** The resource with this full type and a name that is the same for every value of its symbols. */
  public Optional<Resource> find(String armType, Term fullName) {
    return Optional.ofNullable(byTypeAndName.get(key(armType, fullName)));
  }

  /** The resource declared at this address, if any. */
  public Optional<Resource> atAddress(String address) {
    return Optional.ofNullable(byAddress.get(address));
  }

  /** A child resource's parent ({@code vnet} for {@code vnet/snet}), by type and name. */
  public Optional<Resource> parent(Resource child) {
    int slash = child.type().lastIndexOf('/');
    List<Term> segs = child.nameSegments();
    if (slash < 0 || segs.size() < 2) return Optional.empty();
    return find(child.type().substring(0, slash), Term.join(segs.subList(0, segs.size() - 1), "/"));
  }

  /** The parent's name of a child resource, as a term ({@code vnet} for {@code vnet/snet}); null for a top-level one. */
  public static Term parentName(Resource child) {
    List<Term> segs = child.nameSegments();
    return segs.size() < 2 ? null : Term.join(segs.subList(0, segs.size() - 1), "/");
  }

  /**
   * The resource an ID names: {@code .../providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet}
   * resolves by provider type and name segments; subscription and resource group are not compared.
   */
  public Optional<Resource> resolveId(String id) {
    return ResourceId.parse(Term.text(id)).flatMap(p -> find(p.type(), p.name()));
  }

  /**
   * The resource a value names: by reference first (a Terraform {@code azurerm_subnet.x.id}
   * carries which instance it is), else by its ID, known or built from symbols.
   */
  public Optional<Resource> resolve(Value id) {
    if (id == null) return Optional.empty();
    if (id.meta().ref() != null) {
      Resource r = byAddress.get(id.meta().ref());
      if (r != null) return Optional.of(r);
    }
    Term t = Value.termOf(id);
    if (t == null) return Optional.empty();
    return ResourceId.parse(t).flatMap(p -> find(p.type(), p.name()));
  }

  /**
   * Why a value names none of the resources of a type here, when it might: the resources whose
   * ID it may or may not be (undecided for some values of its symbols), and those symbols. Empty
   * when it resolves, when it names none of them for every value, or when it is a bare Unknown
   * that says nothing about what it names.
   */
  public Undecided undecided(Value id, String armType) {
    if (id == null || resolve(id).isPresent()) return Undecided.NONE;
    Term t = Value.termOf(id);
    if (t == null || t.isText()) return Undecided.NONE;
    Optional<ResourceId> parsed = ResourceId.parse(t);
    List<Resource> candidates = new ArrayList<>();
    List<Term.Symbol> symbols = new ArrayList<>();
    List<Resource> all = new ArrayList<>(ofType(armType));
    all.addAll(inlineByType.getOrDefault(lower(armType), List.of()));
    for (Resource r : all) {
      Term.Comparison c;
      if (parsed.isPresent()) {
        if (!parsed.get().type().equalsIgnoreCase(r.type())) continue;
        c = parsed.get().name().compare(r.nameTerm(), true);
      } else {
        // an ID held whole by a symbol ({subnetId}) or built around one
        c = t.compare(ResourceId.of(r), true);
      }
      if (c != Term.Comparison.UNDECIDED) continue;
      candidates.add(r);
      // what decides it: the symbols of the names compared (the subscription and resource group are not)
      for (Term.Symbol s : parsed.map(p -> p.name().symbols()).orElse(t.symbols())) if (!symbols.contains(s)) symbols.add(s);
      for (Term.Symbol s : r.nameTerm().symbols()) if (!symbols.contains(s)) symbols.add(s);
    }
    return candidates.isEmpty() ? Undecided.NONE : new Undecided(candidates, symbols);
  }

  /**
   * One value of a resource that names another resource of the graph ({@code subnet.id} of a
   * compute), or may, depending on values known only at deployment ({@code decided} false).
   *
   * @param from the resource whose value it is; an inline child (a VNet's subnet) for values inside it
   * @param path where the value is, below {@code from}'s parent for inline children
   */
  public record Reference(Resource from, String path, Resource to, boolean decided, List<Term.Symbol> symbols) {}

  /** Every reference the graph's resources make to each other, in resource and property order. */
  public List<Reference> references() {
    List<Reference> out = new ArrayList<>();
    for (Resource r : resources) collectReferences(r, r, r.body(), "", out);
    return out;
  }

  private void collectReferences(Resource owner, Resource from, Value v, String path, List<Reference> out) {
    if (v instanceof Value.Obj o) {
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        collectReferences(owner, from, e.getValue(), p, out);
      }
      return;
    }
    if (v instanceof Value.Arr a) {
      for (int i = 0; i < a.items().size(); i++) {
        Value item = a.items().get(i);
        Resource child = from;
        for (String property : CHILD_COLLECTIONS) {
          if (!path.equalsIgnoreCase("properties." + property) || !(item instanceof Value.Obj io)) continue;
          Term n = io.get("name").map(Value::termOf).orElse(null);
          if (n != null) child = find(from.type() + "/" + property, Term.join(List.of(from.nameTerm(), n), "/")).orElse(from);
        }
        collectReferences(owner, child, item, path + "[" + i + "]", out);
      }
      return;
    }
    if (path.equalsIgnoreCase("name") || path.equalsIgnoreCase("id") || path.endsWith(".name")) return;
    Optional<Resource> to = resolve(v);
    if (to.isPresent()) {
      if (to.get() != from && to.get() != owner) out.add(new Reference(from, path, to.get(), true, List.of()));
      return;
    }
    Term t = Value.termOf(v);
    Optional<ResourceId> id = t == null ? Optional.empty() : ResourceId.parse(t);
    if (id.isEmpty() || t.isText()) return;
    Undecided u = undecided(v, id.get().type());
    for (Resource c : u.candidates()) if (c != from) out.add(new Reference(from, path, c, false, u.symbols()));
  }

  /**
   * Resources a value may name, depending on symbols.
   *
   * @param candidates the resources it may name
   * @param symbols what decides it
   */
  public record Undecided(List<Resource> candidates, List<Term.Symbol> symbols) {
    public static final Undecided NONE = new Undecided(List.of(), List.of());

    public boolean isEmpty() {
      return candidates.isEmpty();
    }
  }

  /**
   * A child of a resource, wherever it was declared.
   *
   * @param body the child object in ARM's child shape: {@code name} and {@code properties}
   * @param address where a reviewer finds it (the parent's address for inline children)
   * @param declaredBy the resource whose source declares the child
   */
  public record Child(String name, Value.Obj body, String address, Location location, Resource declaredBy, Term nameTerm) {}

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
            Term n = o.get("name").map(Value::termOf).orElse(null);
            if (n == null) n = Term.text("(unnamed)");
            Resource owner = declaredBy.getOrDefault(o, parent);
            out.add(new Child(n.render(), o, owner.address(), o.location(), owner, n));
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
      Term parentName = parentName(r);
      if (parentName == null) {
        out.computeIfAbsent("(unknown)", k -> new ArrayList<>()).add(r);
      } else if (find(parentType, parentName).isEmpty()) {
        out.computeIfAbsent(parentName.render(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  private static String key(String type, Term name) {
    return lower(type) + "|" + name.key(true);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
