package dev.exfilguard.terraform;

import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collection functions: lists, sets and maps, and the conversions between them. */
final class CollectionFunctions {
  private CollectionFunctions() {}

  static void register(Functions.Registry r) {
    r.lazy("coalesce", (a, c) -> {
      for (Value v : a) {
        if (v.isUnknown()) return c.unknown("coalesce() argument " + ((Value.Unknown) v).reason());
        if (v instanceof Value.Null || (v instanceof Value.Str s && s.value().isEmpty())) continue;
        return v;
      }
      throw new EvalError("coalesce(): no non-null, non-empty argument");
    });
    r.structural("coalescelist", (a, c) -> {
      for (Value v : a) {
        if (v instanceof Value.Arr l && !l.items().isEmpty()) return v;
      }
      throw new EvalError("coalescelist(): no non-empty list");
    });
    r.structural("lookup", (a, c) -> {
      c.arity(a, 2, 3);
      String key = TfValues.string(a.get(1), "key");
      Value f = TfValues.map(a.get(0), "lookup() map").get(key);
      if (f != null) return f;
      if (a.size() == 3) return a.get(2);
      throw new EvalError("lookup(): no key \"" + key + "\" and no default");
    });
    r.structural("merge", (a, c) -> {
      Map<String, Value> out = new LinkedHashMap<>();
      for (Value v : a) {
        if (v instanceof Value.Null) continue;
        out.putAll(TfValues.map(v, "merge() argument"));
      }
      return c.obj(out);
    });
    r.structural("concat", (a, c) -> {
      List<Value> out = new ArrayList<>();
      for (Value v : a) {
        out.addAll(TfValues.list(v, "concat() argument"));
        dev.exfilguard.source.Budget.checkItems(out.size());
      }
      return c.arr(out);
    });
    r.add("contains", (a, c) -> {
      c.arity(a, 2, 2);
      for (Value v : TfValues.list(a.get(0), "contains() list")) {
        if (Boolean.TRUE.equals(TfValues.equal(v, a.get(1)))) return c.bool(true);
      }
      return c.bool(false);
    });
    r.structural("length", (a, c) -> {
      c.arity(a, 1, 1);
      Value v = a.get(0);
      if (v instanceof Value.Arr l) return c.num(l.items().size());
      if (v instanceof Value.Obj o) return c.num(o.fields().size());
      if (v instanceof Value.Str s) return c.num(s.value().codePointCount(0, s.value().length()));
      throw new EvalError("length() of " + TfValues.typeName(v));
    });
    r.structural("element", (a, c) -> {
      c.arity(a, 2, 2);
      List<Value> l = TfValues.list(a.get(0), "element() list");
      if (l.isEmpty()) throw new EvalError("element() of an empty list");
      int i = TfValues.integer(a.get(1), "index");
      if (i < 0) throw new EvalError("element() index must not be negative");
      return l.get(i % l.size());
    });
    r.add("index", (a, c) -> {
      c.arity(a, 2, 2);
      List<Value> l = TfValues.list(a.get(0), "index() list");
      for (int i = 0; i < l.size(); i++) if (Boolean.TRUE.equals(TfValues.equal(l.get(i), a.get(1)))) return c.num(i);
      throw new EvalError("index(): value not in list");
    });
    r.structural("one", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> l = TfValues.list(a.get(0), "one() list");
      if (l.size() > 1) throw new EvalError("one(): list has " + l.size() + " elements");
      return l.isEmpty() ? new Value.Null(c.meta()) : l.get(0);
    });
    r.structural("flatten", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> out = new ArrayList<>();
      for (Value v : TfValues.list(a.get(0), "flatten() list")) {
        Value u = flattenInto(v, out);
        if (u != null) return c.unknown("flatten(): an element is not known: " + ((Value.Unknown) u).reason());
      }
      return c.arr(out);
    });
    r.add("distinct", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> out = new ArrayList<>();
      for (Value v : TfValues.list(a.get(0), "distinct() list")) {
        if (out.stream().noneMatch(o -> Boolean.TRUE.equals(TfValues.equal(o, v)))) out.add(v);
      }
      return c.arr(out);
    });
    r.structural("keys", (a, c) -> {
      c.arity(a, 1, 1);
      return c.arr(new TreeMap<>(TfValues.map(a.get(0), "keys() map")).keySet().stream().map(c::str).toList());
    });
    r.structural("values", (a, c) -> {
      c.arity(a, 1, 1);
      return c.arr(List.copyOf(new TreeMap<>(TfValues.map(a.get(0), "values() map")).values()));
    });
    r.structural("zipmap", (a, c) -> {
      c.arity(a, 2, 2);
      List<Value> ks = TfValues.list(a.get(0), "zipmap() keys");
      List<Value> vs = TfValues.list(a.get(1), "zipmap() values");
      if (ks.size() != vs.size()) throw new EvalError("zipmap(): " + ks.size() + " keys but " + vs.size() + " values");
      Map<String, Value> out = new LinkedHashMap<>();
      for (int i = 0; i < ks.size(); i++) {
        if (ks.get(i).isUnknown()) return c.unknown("zipmap(): a key is not known");
        out.put(TfValues.string(ks.get(i), "zipmap() key"), vs.get(i));
      }
      return c.obj(out);
    });
    r.add("toset", (a, c) -> {
      c.arity(a, 1, 1);
      return TfValues.set(TfValues.list(a.get(0), "toset() argument"), c.meta());
    });
    r.structural("tolist", (a, c) -> {
      c.arity(a, 1, 1);
      return c.arr(TfValues.list(a.get(0), "tolist() argument"));
    });
    r.structural("tomap", (a, c) -> {
      c.arity(a, 1, 1);
      return c.obj(TfValues.map(a.get(0), "tomap() argument"));
    });
    r.structural("slice", (a, c) -> {
      c.arity(a, 3, 3);
      List<Value> l = TfValues.list(a.get(0), "slice() list");
      int from = TfValues.integer(a.get(1), "start index");
      int to = TfValues.integer(a.get(2), "end index");
      if (from < 0 || to > l.size() || from > to) throw new EvalError("slice(): indexes " + from + ".." + to + " out of range");
      return c.arr(l.subList(from, to));
    });
    r.structural("compact", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> out = new ArrayList<>();
      for (Value v : TfValues.list(a.get(0), "compact() list")) {
        if (v.isUnknown()) return c.unknown("compact(): an element is not known");
        if (v instanceof Value.Null || (v instanceof Value.Str s && s.value().isEmpty())) continue;
        out.add(v);
      }
      return c.arr(out);
    });
    r.structural("reverse", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> out = new ArrayList<>(TfValues.list(a.get(0), "reverse() list"));
      java.util.Collections.reverse(out);
      return c.arr(out);
    });
    r.add("sort", (a, c) -> {
      c.arity(a, 1, 1);
      List<String> s = new ArrayList<>();
      for (Value v : TfValues.list(a.get(0), "sort() list")) s.add(TfValues.string(v, "sort() element"));
      s.sort(null);
      return c.arr(s.stream().map(c::str).toList());
    });
    r.add("setunion", (a, c) -> {
      List<Value> all = new ArrayList<>();
      for (Value v : a) all.addAll(TfValues.list(v, "setunion() argument"));
      return TfValues.set(all, c.meta());
    });
    r.add("setintersection", (a, c) -> {
      c.arity(a, 1, Integer.MAX_VALUE);
      List<Value> out = new ArrayList<>(TfValues.list(a.get(0), "setintersection() argument"));
      for (Value v : a.subList(1, a.size())) {
        List<Value> other = TfValues.list(v, "setintersection() argument");
        out.removeIf(x -> other.stream().noneMatch(o -> Boolean.TRUE.equals(TfValues.equal(x, o))));
      }
      return TfValues.set(out, c.meta());
    });
    r.add("setsubtract", (a, c) -> {
      c.arity(a, 2, 2);
      List<Value> out = new ArrayList<>(TfValues.list(a.get(0), "setsubtract() argument"));
      List<Value> other = TfValues.list(a.get(1), "setsubtract() argument");
      out.removeIf(x -> other.stream().anyMatch(o -> Boolean.TRUE.equals(TfValues.equal(x, o))));
      return TfValues.set(out, c.meta());
    });
    r.add("setproduct", (a, c) -> {
      long product = 1;
      for (Value v : a) {
        product *= TfValues.list(v, "setproduct() argument").size();
        dev.exfilguard.source.Budget.checkItems(product);
      }
      List<List<Value>> rows = new ArrayList<>();
      rows.add(List.of());
      for (Value v : a) {
        List<List<Value>> next = new ArrayList<>();
        for (List<Value> row : rows) {
          for (Value item : TfValues.list(v, "setproduct() argument")) {
            List<Value> r2 = new ArrayList<>(row);
            r2.add(item);
            next.add(r2);
          }
        }
        rows = next;
      }
      if (a.isEmpty()) return c.arr(List.of());
      return c.arr(rows.stream().map(c::arr).toList());
    });
    r.add("alltrue", (a, c) -> {
      c.arity(a, 1, 1);
      for (Value v : TfValues.list(a.get(0), "alltrue() list")) if (!TfValues.bool(v, "alltrue() element")) return c.bool(false);
      return c.bool(true);
    });
    r.add("anytrue", (a, c) -> {
      c.arity(a, 1, 1);
      for (Value v : TfValues.list(a.get(0), "anytrue() list")) if (TfValues.bool(v, "anytrue() element")) return c.bool(true);
      return c.bool(false);
    });
    r.add("range", (a, c) -> {
      c.arity(a, 1, 3);
      BigDecimal start = a.size() == 1 ? BigDecimal.ZERO : TfValues.number(a.get(0), "start");
      BigDecimal limit = TfValues.number(a.get(a.size() == 1 ? 0 : 1), "limit");
      BigDecimal step = a.size() == 3 ? TfValues.number(a.get(2), "step") : (limit.compareTo(start) >= 0 ? BigDecimal.ONE : BigDecimal.ONE.negate());
      if (step.signum() == 0) throw new EvalError("range(): step must not be zero");
      List<Value> out = new ArrayList<>();
      for (BigDecimal x = start; step.signum() > 0 ? x.compareTo(limit) < 0 : x.compareTo(limit) > 0; x = x.add(step)) {
        if (out.size() >= 1024) throw EvalError.limit("range() would make more than 1024 elements, Terraform's limit");
        out.add(c.num(x));
      }
      return c.arr(out);
    });
    r.add("chunklist", (a, c) -> {
      c.arity(a, 2, 2);
      List<Value> l = TfValues.list(a.get(0), "chunklist() list");
      int size = TfValues.integer(a.get(1), "chunk size");
      if (size <= 0) return c.arr(List.of(c.arr(l)));
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i += size) out.add(c.arr(l.subList(i, Math.min(l.size(), i + size))));
      return c.arr(out);
    });
  }

  /** Appends a flattened element; returns the Unknown that stops it, if any. */
  private static Value flattenInto(Value v, List<Value> out) {
    if (v.isUnknown()) return v;
    if (v instanceof Value.Arr l) {
      for (Value i : l.items()) {
        Value u = flattenInto(i, out);
        if (u != null) return u;
      }
    } else {
      out.add(v);
    }
    return null;
  }
}
