package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one Terraform block body becomes an ARM-shaped object: attributes copied or converted to
 * ARM paths, nested blocks turned into arrays or objects, provider defaults filled in with
 * origin DEFAULT at the declaring block. Built as a small fluent table per resource type.
 */
final class Mapping {

  /** Where a mapping reads from: a block body, or an object value (azurerm's list-of-objects form). */
  private interface Source {
    Optional<Value> attribute(String name);

    List<Block> blocks(String type);

    Location location();
  }

  private record BodySource(Body body, Location location, TfEvaluator eval) implements Source {
    @Override
    public Optional<Value> attribute(String name) {
      return body.attribute(name).map(a -> eval.eval(a.expr()));
    }

    @Override
    public List<Block> blocks(String type) {
      return body.blocks(type);
    }
  }

  private record ObjectSource(Value.Obj obj) implements Source {
    @Override
    public Optional<Value> attribute(String name) {
      return obj.get(name).filter(v -> !(v instanceof Value.Null));
    }

    @Override
    public List<Block> blocks(String type) {
      return List.of();
    }

    @Override
    public Location location() {
      return obj.location();
    }
  }

  private interface Row {
    void apply(Source src, TfEvaluator eval, Map<String, Value> out);
  }

  private final List<Row> rows = new ArrayList<>();

  /** Copies {@code attribute} to {@code path} as it is. */
  Mapping attr(String attribute, String path) {
    return attr(attribute, path, Function.identity());
  }

  /** Copies {@code attribute} to {@code path} through a conversion of known values. */
  Mapping attr(String attribute, String path, Function<Value, Value> convert) {
    rows.add((src, eval, out) -> src.attribute(attribute).ifPresent(v -> put(out, path, v.isUnknown() ? v : convert.apply(v))));
    return this;
  }

  /**
   * What the provider sends when {@code path} was not set; {@code why} cites the provider's
   * documented default and shows in messages.
   */
  Mapping defaultValue(String path, Function<Meta, Value> value, String why) {
    rows.add((src, eval, out) -> put(out, path, value.apply(Meta.defaulted(src.location(), why))));
    return this;
  }

  Mapping constant(String path, String value) {
    rows.add((src, eval, out) -> put(out, path, new Value.Str(value, Meta.explicit(src.location()))));
    return this;
  }

  /**
   * Repeated nested blocks to an array at {@code path}; the same content written as a list of
   * objects (azurerm's ConfigModeAttr fields accept both) is read the same way. A
   * {@code dynamic} block contributes its content once, with the iterator's values Unknown.
   */
  Mapping blocks(String blockType, String path, Mapping item) {
    rows.add((src, eval, out) -> {
      List<Value> items = new ArrayList<>();
      Location first = null;
      for (Block b : src.blocks(blockType)) {
        Location at = TfEvaluator.location(b.range());
        first = first == null ? at : first;
        items.add(item.build(new BodySource(b.body(), at, eval), eval));
      }
      for (Block d : src.blocks("dynamic")) {
        if (d.labels().size() != 1 || !d.labels().get(0).equals(blockType)) continue;
        for (Block content : d.body().blocks("content")) {
          Location at = TfEvaluator.location(d.range());
          first = first == null ? at : first;
          items.add(item.build(new BodySource(content.body(), at, eval), eval));
        }
      }
      Optional<Value> asList = src.attribute(blockType);
      if (asList.isPresent()) {
        Value v = asList.get();
        if (!(v instanceof Value.Arr a)) {
          put(out, path, v.isUnknown() ? v : new Value.Unknown(blockType + " is not a list of objects", v.meta()));
          return;
        }
        for (Value o : a.items()) items.add(o instanceof Value.Obj obj ? item.build(new ObjectSource(obj), eval) : o);
        first = first == null ? v.location() : first;
      }
      if (!items.isEmpty()) put(out, path, new Value.Arr(items, Meta.explicit(first)));
    });
    return this;
  }

  /** A single nested block to an object at {@code path}. */
  Mapping block(String blockType, String path, Mapping inner) {
    rows.add((src, eval, out) -> {
      List<Block> bs = src.blocks(blockType);
      if (bs.isEmpty()) return;
      Location at = TfEvaluator.location(bs.get(0).range());
      put(out, path, inner.build(new BodySource(bs.get(0).body(), at, eval), eval));
    });
    return this;
  }

  Value.Obj build(Body body, Location declaration, TfEvaluator eval) {
    return build(new BodySource(body, declaration, eval), eval);
  }

  private Value.Obj build(Source src, TfEvaluator eval) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (Row r : rows) r.apply(src, eval, out);
    return new Value.Obj(out, Meta.explicit(src.location()));
  }

  /** Sets {@code path} unless a value is already there (the first row for a path wins). */
  private static void put(Map<String, Value> out, String path, Value v) {
    Value.Obj updated = Paths.withDefault(new Value.Obj(out, v.meta()), path, v);
    out.clear();
    out.putAll(updated.fields());
  }
}
