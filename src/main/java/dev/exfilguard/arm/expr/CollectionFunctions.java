package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.arg;
import static dev.exfilguard.arm.expr.Functions.integer;
import static dev.exfilguard.arm.expr.Functions.known;
import static dev.exfilguard.arm.expr.Functions.num;
import static dev.exfilguard.arm.expr.Functions.relocate;
import static dev.exfilguard.arm.expr.Functions.same;
import static dev.exfilguard.arm.expr.Functions.str;
import static dev.exfilguard.arm.expr.Functions.text;

import dev.exfilguard.arm.expr.Functions.EvalError;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Array and object functions (template-functions-array, -object). */
final class CollectionFunctions {
  private CollectionFunctions() {}

  /** range()'s documented upper bound on count. */
  private static final int MAX_RANGE = 10_000;

  static void register(Functions.Registry r) {
    // built values keep their Unknown items: createArray('a', parameters('x')) still has a known 'a'
    r.defLenient("createArray", (a, at) -> {
      Limits.checkArray(a.size());
      return new Value.Arr(a, at);
    });
    r.defLenient("createObject", (a, at) -> {
      if (a.size() % 2 != 0) throw new EvalError("needs key/value pairs");
      Map<String, Value> m = new LinkedHashMap<>();
      for (int i = 0; i < a.size(); i += 2) {
        if (a.get(i) instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
        m.put(str(a, i), a.get(i + 1));
      }
      return new Value.Obj(m, at);
    });
    r.def("array", (a, at) -> arg(a, 0) instanceof Value.Arr arr ? relocate(arr, at) : new Value.Arr(List.of(arg(a, 0)), at));
    r.def("empty", (a, at) -> {
      Value v = arg(a, 0);
      boolean empty =
          v instanceof Value.Null
              || (v instanceof Value.Str s && s.value().isEmpty())
              || (v instanceof Value.Arr arr && arr.items().isEmpty())
              || (v instanceof Value.Obj o && o.fields().isEmpty());
      return new Value.Bool(empty, at);
    });
    r.def("length", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return num(s.value().length(), at);
      if (v instanceof Value.Arr arr) return num(arr.items().size(), at);
      if (v instanceof Value.Obj o) return num(o.fields().size(), at);
      throw new EvalError("needs a string, array or object");
    });
    r.def("contains", (a, at) -> {
      Value c = arg(a, 0);
      Value x = arg(a, 1);
      // strings and object keys: case-sensitive and case-insensitive respectively, as ARM compares them
      if (c instanceof Value.Str s) return new Value.Bool(s.value().contains(text(x)), at);
      if (c instanceof Value.Arr arr) {
        Boolean found = Boolean.FALSE;
        for (Value i : arr.items()) {
          Boolean eq = same(i, x);
          if (Boolean.TRUE.equals(eq)) return new Value.Bool(true, at);
          if (eq == null) found = null;
        }
        return known(found, at);
      }
      if (c instanceof Value.Obj o) return new Value.Bool(o.get(text(x)).isPresent(), at);
      throw new EvalError("needs a string, array or object");
    });
    r.def("first", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return new Value.Str(s.value().isEmpty() ? "" : s.value().substring(0, 1), at);
      if (v instanceof Value.Arr arr) return arr.items().isEmpty() ? new Value.Null(at) : relocate(arr.items().get(0), at);
      throw new EvalError("needs a string or array");
    });
    r.def("last", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return new Value.Str(s.value().isEmpty() ? "" : s.value().substring(s.value().length() - 1), at);
      if (v instanceof Value.Arr arr) return arr.items().isEmpty() ? new Value.Null(at) : relocate(arr.items().get(arr.items().size() - 1), at);
      throw new EvalError("needs a string or array");
    });
    r.defSymbolic("take", (a, at) -> Functions.anySymbolic(a) ? StringFunctions.symbolicSlice(a, at, "take") : slice(a, at, true));
    r.def("skip", (a, at) -> slice(a, at, false));
    r.def("union", CollectionFunctions::union);
    r.def("intersection", CollectionFunctions::intersection);
    r.def("shallowMerge", (a, at) -> {
      if (!(arg(a, 0) instanceof Value.Arr arr)) throw new EvalError("needs an array of objects");
      Map<String, Value> m = new LinkedHashMap<>();
      for (Value v : arr.items()) {
        if (v instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
        if (v instanceof Value.Null) continue;
        if (!(v instanceof Value.Obj o)) throw new EvalError("needs an array of objects");
        for (Map.Entry<String, Value> e : o.fields().entrySet()) put(m, e.getKey(), e.getValue());
      }
      return new Value.Obj(m, at);
    });
    r.def("objectKeys", (a, at) -> {
      if (!(arg(a, 0) instanceof Value.Obj o)) throw new EvalError("needs an object");
      List<Value> keys = new ArrayList<>();
      for (String k : o.fields().keySet()) keys.add(new Value.Str(k, at));
      return new Value.Arr(keys, at);
    });
    // items(): the docs note the result is sorted by key
    r.def("items", (a, at) -> {
      if (!(arg(a, 0) instanceof Value.Obj o)) throw new EvalError("needs an object");
      List<String> keys = new ArrayList<>(o.fields().keySet());
      keys.sort(LogicFunctions::compareStrings);
      List<Value> out = new ArrayList<>();
      for (String k : keys) {
        Map<String, Value> item = new LinkedHashMap<>();
        item.put("key", new Value.Str(k, at));
        item.put("value", o.fields().get(k));
        out.add(new Value.Obj(item, at));
      }
      return new Value.Arr(out, at);
    });
    r.def("range", (a, at) -> {
      long start = integer(a, 0);
      long count = integer(a, 1);
      if (count < 0 || count > MAX_RANGE) throw new EvalError("count must be between 0 and " + MAX_RANGE);
      if (start + count > Integer.MAX_VALUE) throw new EvalError("startIndex + count is too large");
      List<Value> out = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) out.add(num(start + i, at));
      return new Value.Arr(out, at);
    });
    r.def("flatten", (a, at) -> {
      if (!(arg(a, 0) instanceof Value.Arr arr)) throw new EvalError("needs an array of arrays");
      List<Value> out = new ArrayList<>();
      for (Value v : arr.items()) {
        if (v instanceof Value.Arr inner) out.addAll(inner.items());
        else if (v instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
        else throw new EvalError("needs an array of arrays");
        Limits.checkArray(out.size());
      }
      return new Value.Arr(out, at);
    });
    // tryGet(): the item at a key or index, or null when absent
    r.def("tryGet", (a, at) -> {
      if (a.size() < 2) throw new EvalError("needs a value and at least one key");
      Value cur = arg(a, 0);
      for (int i = 1; i < a.size(); i++) {
        Value k = a.get(i);
        if (cur instanceof Value.Null) return new Value.Null(at);
        if (cur instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
        if (cur instanceof Value.Obj o && k instanceof Value.Str s) {
          Optional<Value> next = o.get(s.value());
          if (next.isEmpty()) return new Value.Null(at);
          cur = next.get();
        } else if (cur instanceof Value.Arr arr && k instanceof Value.Num) {
          long idx = integer(k, i);
          if (idx < 0 || idx >= arr.items().size()) return new Value.Null(at);
          cur = arr.items().get((int) idx);
        } else {
          throw new EvalError("argument " + (i + 1) + " does not index the value");
        }
      }
      return relocate(cur, at);
    });
  }

  private static Value slice(List<Value> a, Meta at, boolean take) throws EvalError {
    Value v = arg(a, 0);
    long n = integer(a, 1);
    if (v instanceof Value.Str s) {
      int k = (int) Math.max(0, Math.min(n, s.value().length()));
      return new Value.Str(take ? s.value().substring(0, k) : s.value().substring(k), at);
    }
    if (v instanceof Value.Arr arr) {
      int k = (int) Math.max(0, Math.min(n, arr.items().size()));
      return new Value.Arr(take ? arr.items().subList(0, k) : arr.items().subList(k, arr.items().size()), at);
    }
    throw new EvalError("needs a string or array");
  }

  /**
   * union(): arrays are joined without duplicates; objects are merged with later values
   * winning, and nested objects merged recursively (template-functions-object#union).
   */
  private static Value union(List<Value> a, Meta at) throws EvalError {
    if (a.isEmpty()) throw new EvalError("needs arguments");
    if (a.stream().anyMatch(Value.Arr.class::isInstance)) {
      List<Value> out = new ArrayList<>();
      // duplicates found by their JSON text: linear, where comparing pairs would be quadratic
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Value v : a) {
        if (v instanceof Value.Null) continue;
        if (!(v instanceof Value.Arr arr)) throw new EvalError("mixes arrays and other values");
        for (Value item : arr.items()) {
          String key = item.firstUnknown() == null ? Functions.json(item) : null;
          if (key == null || seen.add(key)) out.add(item);
          Limits.checkArray(out.size());
        }
      }
      return new Value.Arr(out, at);
    }
    Map<String, Value> m = new LinkedHashMap<>();
    for (Value v : a) {
      if (v instanceof Value.Null) continue;
      if (!(v instanceof Value.Obj o)) throw new EvalError("mixes objects and other values");
      deepMerge(m, o, at);
    }
    return new Value.Obj(m, at);
  }

  private static void deepMerge(Map<String, Value> into, Value.Obj from, Meta at) {
    for (Map.Entry<String, Value> e : from.fields().entrySet()) {
      String key = existingKey(into, e.getKey());
      Value old = key == null ? null : into.get(key);
      if (old instanceof Value.Obj oldObj && e.getValue() instanceof Value.Obj newObj) {
        Map<String, Value> merged = new LinkedHashMap<>(oldObj.fields());
        deepMerge(merged, newObj, at);
        into.put(key, new Value.Obj(merged, newObj.meta()));
      } else {
        put(into, e.getKey(), e.getValue());
      }
    }
  }

  /** Sets a property, replacing one whose name differs only in case (ARM names are case-insensitive). */
  private static void put(Map<String, Value> m, String key, Value v) {
    String existing = existingKey(m, key);
    m.put(existing != null ? existing : key, v);
  }

  private static String existingKey(Map<String, Value> m, String key) {
    if (m.containsKey(key)) return key;
    for (String k : m.keySet()) if (k.equalsIgnoreCase(key)) return k;
    return null;
  }

  private static Value intersection(List<Value> a, Meta at) throws EvalError {
    if (a.isEmpty()) throw new EvalError("needs arguments");
    if (a.get(0) instanceof Value.Arr first) {
      List<Value> out = new ArrayList<>();
      for (Value item : first.items()) {
        boolean inAll = true;
        for (Value other : a.subList(1, a.size())) {
          if (!(other instanceof Value.Arr arr)) throw new EvalError("mixes arrays and other values");
          Boolean found = Boolean.FALSE;
          for (Value x : arr.items()) {
            Boolean eq = same(x, item);
            if (Boolean.TRUE.equals(eq)) {
              found = true;
              break;
            }
            if (eq == null) found = null;
          }
          if (found == null) return new Value.Unknown("intersection() over Unknown items", at);
          if (!found) inAll = false;
        }
        if (inAll && out.stream().noneMatch(x -> Boolean.TRUE.equals(same(x, item)))) out.add(item);
      }
      return new Value.Arr(out, at);
    }
    if (!(a.get(0) instanceof Value.Obj first)) throw new EvalError("needs arrays or objects");
    Map<String, Value> out = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : first.fields().entrySet()) {
      boolean inAll = true;
      for (Value other : a.subList(1, a.size())) {
        if (!(other instanceof Value.Obj o)) throw new EvalError("mixes objects and other values");
        Optional<Value> v = o.get(e.getKey());
        Boolean eq = v.isEmpty() ? Boolean.FALSE : same(v.get(), e.getValue());
        if (eq == null) return new Value.Unknown("intersection() over Unknown values", at);
        if (!eq) inAll = false;
      }
      if (inAll) out.put(e.getKey(), e.getValue());
    }
    return new Value.Obj(out, at);
  }
}
