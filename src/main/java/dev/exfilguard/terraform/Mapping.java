package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.ScopeTraversal;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one Terraform resource becomes an ARM-shaped object: attributes copied or converted to
 * ARM paths, nested blocks turned into arrays or objects, provider defaults filled in with
 * origin DEFAULT at the declaring block. Built as a small fluent table per resource type. The
 * same table reads a configuration block (with {@code dynamic} blocks expanded) and the
 * resolved values of a plan.
 */
final class Mapping {

  /** Where a mapping reads from: a block body, or an object value (list-of-objects form, plan values). */
  interface Source {
    /** The attribute's value; absent when not set or null (Terraform treats null as not set). */
    Optional<Value> attribute(String name);

    /** The nested blocks of a type, in order; an Unknown collection gives one {@link UnknownSource}. */
    List<Source> nested(String blockType);

    Location location();
  }

  /** A nested collection whose contents are not known (an Unknown list of objects). */
  record UnknownSource(Value.Unknown value) implements Source {
    @Override
    public Optional<Value> attribute(String name) {
      return Optional.of(value);
    }

    @Override
    public List<Source> nested(String blockType) {
      return List.of(this);
    }

    @Override
    public Location location() {
      return value.location();
    }
  }

  record BodySource(Body body, Location location, TfEvaluator eval) implements Source {
    @Override
    public Optional<Value> attribute(String name) {
      return body.attribute(name).map(a -> eval.eval(a.expr())).filter(v -> !(v instanceof Value.Null));
    }

    @Override
    public List<Source> nested(String blockType) {
      List<Source> out = new ArrayList<>();
      for (Block b : body.blocks(blockType)) out.add(new BodySource(b.body(), TfEvaluator.location(b.range()), eval));
      for (Block d : body.blocks("dynamic")) {
        if (d.labels().size() == 1 && d.labels().get(0).equals(blockType)) out.addAll(dynamic(d));
      }
      Optional<Attribute> asAttr = body.attribute(blockType);
      if (asAttr.isPresent()) {
        Value v = eval.eval(asAttr.get().expr());
        out.addAll(ObjectSource.of(v, blockType));
      }
      return out;
    }

    /**
     * A {@code dynamic} block: one content block per element of {@code for_each}, with the
     * iterator ({@code iterator =} or the block's label) bound to {@code key} and {@code value}.
     * When the collection is not known, the content counts once with the iterator Unknown.
     */
    private List<Source> dynamic(Block d) {
      List<Block> contents = d.body().blocks("content");
      if (contents.isEmpty()) return List.of();
      String iterator = d.labels().get(0);
      Optional<Attribute> it = d.body().attribute("iterator");
      if (it.isPresent() && it.get().expr() instanceof ScopeTraversal t && t.steps().isEmpty()) iterator = t.root();
      Location at = TfEvaluator.location(d.range());
      Optional<Attribute> fe = d.body().attribute("for_each");
      Value coll = fe.isPresent() ? eval.eval(fe.get().expr()) : new Value.Unknown("dynamic block without for_each", Meta.explicit(at));
      List<Source> out = new ArrayList<>();
      if (coll instanceof Value.Arr || coll instanceof Value.Obj) {
        for (Map.Entry<Value, Value> e : TfEvaluator.entries(coll, "dynamic for_each")) {
          Map<String, Value> it2 = new LinkedHashMap<>();
          it2.put("key", e.getKey());
          it2.put("value", e.getValue());
          TfEvaluator inner = eval.with(Map.of(iterator, new Value.Obj(it2, Meta.explicit(at))));
          for (Block c : contents) out.add(new BodySource(c.body(), at, inner));
        }
        return out;
      }
      if (coll instanceof Value.Null) return out;
      Value u = coll.isUnknown() ? coll : new Value.Unknown("dynamic for_each is not a collection", coll.meta());
      Map<String, Value> it2 = new HashMap<>();
      it2.put("key", u);
      it2.put("value", u);
      TfEvaluator inner = eval.with(Map.of(iterator, new Value.Obj(it2, Meta.explicit(at))));
      for (Block c : contents) out.add(new BodySource(c.body(), at, inner));
      return out;
    }
  }

  record ObjectSource(Value.Obj obj) implements Source {
    static List<Source> of(Value v, String what) {
      if (v instanceof Value.Null) return List.of();
      if (v instanceof Value.Obj o) return List.of(new ObjectSource(o));
      if (v instanceof Value.Arr a) {
        List<Source> out = new ArrayList<>();
        for (Value i : a.items()) {
          if (i instanceof Value.Obj o) out.add(new ObjectSource(o));
          else if (i instanceof Value.Unknown u) out.add(new UnknownSource(u));
        }
        return out;
      }
      Value.Unknown u = v instanceof Value.Unknown x ? x : new Value.Unknown(what + " is not a list of objects", v.meta());
      return List.of(new UnknownSource(u));
    }

    @Override
    public Optional<Value> attribute(String name) {
      return Optional.ofNullable(obj.fields().get(name)).filter(v -> !(v instanceof Value.Null));
    }

    @Override
    public List<Source> nested(String blockType) {
      Value v = obj.fields().get(blockType);
      return v == null ? List.of() : of(v, blockType);
    }

    @Override
    public Location location() {
      return obj.location();
    }
  }

  /** One line of the table: reads the source, writes into the ARM object. */
  interface Row {
    void apply(Source src, Map<String, Value> out);
  }

  private final List<Row> rows = new ArrayList<>();

  /** Copies {@code attribute} to {@code path} as it is. */
  Mapping attr(String attribute, String path) {
    return attr(attribute, path, Function.identity());
  }

  /** Copies {@code attribute} to {@code path} through a conversion of known values. */
  Mapping attr(String attribute, String path, Function<Value, Value> convert) {
    rows.add((src, out) -> src.attribute(attribute).ifPresent(v -> put(out, path, v.isUnknown() ? v : convert.apply(v))));
    return this;
  }

  /**
   * What the provider sends when {@code path} was not set; {@code why} cites the provider's
   * documented default and shows in messages.
   */
  Mapping defaultValue(String path, Function<Meta, Value> value, String why) {
    rows.add((src, out) -> put(out, path, value.apply(Meta.defaulted(src.location(), why))));
    return this;
  }

  Mapping constant(String path, String value) {
    rows.add((src, out) -> put(out, path, new Value.Str(value, Meta.explicit(src.location()))));
    return this;
  }

  /** A row that needs more than one attribute. */
  Mapping custom(Row row) {
    rows.add(row);
    return this;
  }

  /**
   * Repeated nested blocks to an array at {@code path} (appended to what earlier rows put
   * there); the same content written as a list of objects (azurerm's ConfigModeAttr fields
   * accept both) is read the same way.
   */
  Mapping blocks(String blockType, String path, Mapping item) {
    rows.add((src, out) -> {
      List<Value> items = new ArrayList<>();
      Value.Unknown unknown = null;
      for (Source s : src.nested(blockType)) {
        if (s instanceof UnknownSource u) unknown = unknown == null ? u.value() : unknown;
        else items.add(item.build(s));
      }
      if (items.isEmpty()) {
        if (unknown != null) put(out, path, unknown);
        return;
      }
      append(out, path, items);
    });
    return this;
  }

  /** A single nested block to an object at {@code path}. */
  Mapping block(String blockType, String path, Mapping inner) {
    rows.add((src, out) -> {
      List<Source> ns = src.nested(blockType);
      if (ns.isEmpty()) return;
      Source first = ns.get(0);
      put(out, path, first instanceof UnknownSource u ? u.value() : inner.build(first));
    });
    return this;
  }

  Value.Obj build(Body body, Location declaration, TfEvaluator eval) {
    return build(new BodySource(body, declaration, eval));
  }

  Value.Obj build(Source src) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (Row r : rows) r.apply(src, out);
    return new Value.Obj(out, Meta.explicit(src.location()));
  }

  /** Sets {@code path} unless a value is already there (the first row for a path wins). */
  static void put(Map<String, Value> out, String path, Value v) {
    Value.Obj updated = Paths.withDefault(new Value.Obj(out, v.meta()), path, v);
    out.clear();
    out.putAll(updated.fields());
  }

  private static void append(Map<String, Value> out, String path, List<Value> items) {
    Optional<Value> existing = Paths.get(new Value.Obj(out, items.get(0).meta()), path);
    if (existing.isPresent() && existing.get() instanceof Value.Arr a) {
      List<Value> all = new ArrayList<>(a.items());
      all.addAll(items);
      Value.Obj replaced = Patches.set(new Value.Obj(out, a.meta()), path, new Value.Arr(all, a.meta()));
      out.clear();
      out.putAll(replaced.fields());
      return;
    }
    put(out, path, new Value.Arr(items, Meta.explicit(items.get(0).location())));
  }
}
