package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The template functions the evaluator implements, with ARM's semantics (names are
 * case-insensitive). Functions not listed yield Unknown and are reported once per file.
 */
final class Functions {
  private Functions() {}

  /** A function implementation over evaluated arguments. */
  interface Fn {
    Value apply(List<Value> args, Meta at) throws EvalError;

    /** True for functions that handle Unknown arguments themselves (coalesce, and, or). */
    default boolean seesUnknown() {
      return false;
    }
  }

  static final class EvalError extends Exception {
    private static final long serialVersionUID = 1L;

    EvalError(String message) {
      super(message, null, false, false);
    }
  }

  /** Stand-ins for the parts of a resource ID known only at deployment time. */
  static final String SUBSCRIPTION = "{subscriptionId}";

  static final String RESOURCE_GROUP = "{resourceGroupName}";

  private static final Map<String, Fn> FUNCTIONS = new HashMap<>();

  static Fn get(String lowerName) {
    return FUNCTIONS.get(lowerName);
  }

  private static void def(String name, Fn fn) {
    FUNCTIONS.put(name.toLowerCase(Locale.ROOT), fn);
  }

  private static void defLenient(String name, Fn fn) {
    FUNCTIONS.put(
        name.toLowerCase(Locale.ROOT),
        new Fn() {
          @Override
          public Value apply(List<Value> args, Meta at) throws EvalError {
            return fn.apply(args, at);
          }

          @Override
          public boolean seesUnknown() {
            return true;
          }
        });
  }

  /** The value, standing where the expression stands, keeping how it got there. */
  static Value relocate(Value v, Meta at) {
    return v.relocated(at.location());
  }

  static {
    def("true", (a, at) -> new Value.Bool(true, at));
    def("false", (a, at) -> new Value.Bool(false, at));
    def("null", (a, at) -> new Value.Null(at));
    def("string", (a, at) -> new Value.Str(str(a, 0, true), at));
    def("bool", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Bool b) return b;
      if (v instanceof Value.Str s && (s.value().equalsIgnoreCase("true") || s.value().equalsIgnoreCase("false"))) {
        return new Value.Bool(Boolean.parseBoolean(s.value().toLowerCase(Locale.ROOT)), at);
      }
      if (v instanceof Value.Num n) return new Value.Bool(n.value().signum() != 0, at);
      throw new EvalError("cannot convert to bool");
    });
    def("int", (a, at) -> {
      Value v = arg(a, 0);
      try {
        if (v instanceof Value.Num n) return new Value.Num(new BigDecimal(n.value().toBigInteger()), at);
        if (v instanceof Value.Str s) return new Value.Num(new BigDecimal(s.value().trim()), at);
      } catch (NumberFormatException e) {
        throw new EvalError("not a number");
      }
      throw new EvalError("cannot convert to int");
    });
    def("toLower", (a, at) -> new Value.Str(str(a, 0, false).toLowerCase(Locale.ROOT), at));
    def("toUpper", (a, at) -> new Value.Str(str(a, 0, false).toUpperCase(Locale.ROOT), at));
    def("concat", Functions::concat);
    def("format", Functions::format);
    def("createArray", (a, at) -> new Value.Arr(a, at));
    def("createObject", (a, at) -> {
      if (a.size() % 2 != 0) throw new EvalError("needs key/value pairs");
      Map<String, Value> m = new LinkedHashMap<>();
      for (int i = 0; i < a.size(); i += 2) m.put(str(a, i, false), a.get(i + 1));
      return new Value.Obj(m, at);
    });
    def("equals", (a, at) -> known(same(arg(a, 0), arg(a, 1)), at));
    def("not", (a, at) -> new Value.Bool(!bool(arg(a, 0)), at));
    defLenient("and", (a, at) -> logic(a, at, false));
    defLenient("or", (a, at) -> logic(a, at, true));
    defLenient("coalesce", (a, at) -> {
      for (Value v : a) {
        if (v.isUnknown()) return new Value.Unknown(((Value.Unknown) v).reason(), at);
        if (!(v instanceof Value.Null)) return relocate(v, at);
      }
      return new Value.Null(at);
    });
    def("empty", (a, at) -> {
      Value v = arg(a, 0);
      boolean empty =
          v instanceof Value.Null
              || (v instanceof Value.Str s && s.value().isEmpty())
              || (v instanceof Value.Arr arr && arr.items().isEmpty())
              || (v instanceof Value.Obj o && o.fields().isEmpty());
      return new Value.Bool(empty, at);
    });
    def("length", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return num(s.value().length(), at);
      if (v instanceof Value.Arr arr) return num(arr.items().size(), at);
      if (v instanceof Value.Obj o) return num(o.fields().size(), at);
      throw new EvalError("needs a string, array or object");
    });
    def("contains", (a, at) -> {
      Value c = arg(a, 0);
      Value x = arg(a, 1);
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
    def("first", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return new Value.Str(s.value().isEmpty() ? "" : s.value().substring(0, 1), at);
      if (v instanceof Value.Arr arr) return arr.items().isEmpty() ? new Value.Null(at) : relocate(arr.items().get(0), at);
      throw new EvalError("needs a string or array");
    });
    def("last", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Str s) return new Value.Str(s.value().isEmpty() ? "" : s.value().substring(s.value().length() - 1), at);
      if (v instanceof Value.Arr arr) return arr.items().isEmpty() ? new Value.Null(at) : relocate(arr.items().get(arr.items().size() - 1), at);
      throw new EvalError("needs a string or array");
    });
    def("split", (a, at) -> {
      String s = str(a, 0, false);
      List<String> seps = new ArrayList<>();
      Value d = arg(a, 1);
      if (d instanceof Value.Arr arr) for (Value v : arr.items()) seps.add(text(v));
      else seps.add(text(d));
      List<Value> parts = new ArrayList<>();
      int start = 0;
      outer:
      for (int i = 0; i < s.length(); ) {
        for (String sep : seps) {
          if (!sep.isEmpty() && s.startsWith(sep, i)) {
            parts.add(new Value.Str(s.substring(start, i), at));
            i += sep.length();
            start = i;
            continue outer;
          }
        }
        i++;
      }
      parts.add(new Value.Str(s.substring(start), at));
      return new Value.Arr(parts, at);
    });
    def("replace", (a, at) -> new Value.Str(str(a, 0, false).replace(str(a, 1, false), str(a, 2, false)), at));
    def("startsWith", (a, at) -> new Value.Bool(str(a, 0, false).toLowerCase(Locale.ROOT).startsWith(str(a, 1, false).toLowerCase(Locale.ROOT)), at));
    def("endsWith", (a, at) -> new Value.Bool(str(a, 0, false).toLowerCase(Locale.ROOT).endsWith(str(a, 1, false).toLowerCase(Locale.ROOT)), at));
    def("resourceGroup", (a, at) -> scopeObject(at, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP, "resourceGroup()"));
    def("subscription", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", new Value.Str("/subscriptions/" + SUBSCRIPTION, at));
      m.put("subscriptionId", new Value.Str(SUBSCRIPTION, at));
      m.put("tenantId", new Value.Unknown("subscription().tenantId is known only at deployment time", at));
      m.put("displayName", new Value.Unknown("subscription().displayName is known only at deployment time", at));
      return new Value.Obj(m, at);
    });
    def("resourceId", (a, at) -> ResourceIds.resourceId(texts(a), at, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP));
    def("subscriptionResourceId", (a, at) -> ResourceIds.resourceId(texts(a), at, "/subscriptions/" + SUBSCRIPTION));
    def("tenantResourceId", (a, at) -> ResourceIds.tenantResourceId(texts(a), at));
    def("managementGroupResourceId", (a, at) -> ResourceIds.managementGroupResourceId(texts(a), at));
    def("extensionResourceId", (a, at) -> ResourceIds.extensionResourceId(texts(a), at));
  }

  private static Value scopeObject(Meta at, String id, String what) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", new Value.Str(id, at));
    m.put("name", new Value.Str(RESOURCE_GROUP, at));
    m.put("location", new Value.Unknown(what + ".location is known only at deployment time", at));
    return new Value.Obj(m, at);
  }

  private static Value concat(List<Value> a, Meta at) throws EvalError {
    if (!a.isEmpty() && a.get(0) instanceof Value.Arr) {
      List<Value> items = new ArrayList<>();
      for (Value v : a) {
        if (v instanceof Value.Arr arr) items.addAll(arr.items());
        else if (!(v instanceof Value.Null)) throw new EvalError("mixes arrays and other values");
      }
      return new Value.Arr(items, at);
    }
    StringBuilder sb = new StringBuilder();
    for (Value v : a) sb.append(text(v));
    return new Value.Str(sb.toString(), at);
  }

  /** .NET composite formatting as ARM's format() uses it: {0}, {1}, with {{ and }} escapes. */
  private static Value format(List<Value> a, Meta at) throws EvalError {
    String f = str(a, 0, false);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '{') {
        if (i + 1 < f.length() && f.charAt(i + 1) == '{') {
          sb.append('{');
          i++;
          continue;
        }
        int close = f.indexOf('}', i);
        if (close < 0) throw new EvalError("unclosed '{' in format string");
        String spec = f.substring(i + 1, close);
        int colon = spec.indexOf(':');
        int comma = spec.indexOf(',');
        int end = colon >= 0 ? colon : spec.length();
        if (comma >= 0 && comma < end) end = comma;
        int n;
        try {
          n = Integer.parseInt(spec.substring(0, end).trim());
        } catch (NumberFormatException e) {
          throw new EvalError("bad placeholder {" + spec + "}");
        }
        if (n + 1 >= a.size()) throw new EvalError("placeholder {" + n + "} has no argument");
        if (colon >= 0) throw new EvalError("format specifiers are not evaluated");
        String arg = text(a.get(n + 1));
        if (comma >= 0) {
          // {n,width}: right-aligned in width characters, left-aligned when width is negative
          int width;
          try {
            width = Integer.parseInt(spec.substring(comma + 1).trim());
          } catch (NumberFormatException e) {
            throw new EvalError("bad placeholder {" + spec + "}");
          }
          String pad = " ".repeat(Math.max(0, Math.abs(width) - arg.length()));
          arg = width < 0 ? arg + pad : pad + arg;
        }
        sb.append(arg);
        i = close;
      } else if (c == '}' && i + 1 < f.length() && f.charAt(i + 1) == '}') {
        sb.append('}');
        i++;
      } else {
        sb.append(c);
      }
    }
    return new Value.Str(sb.toString(), at);
  }

  private static Value logic(List<Value> a, Meta at, boolean isOr) {
    Value.Unknown unknown = null;
    for (Value v : a) {
      if (v instanceof Value.Bool b) {
        if (b.value() == isOr) return new Value.Bool(isOr, at);
      } else if (v instanceof Value.Unknown u) {
        unknown = u;
      } else {
        return new Value.Unknown((isOr ? "or" : "and") + "() needs booleans", at);
      }
    }
    return unknown != null ? new Value.Unknown(unknown.reason(), at) : new Value.Bool(!isOr, at);
  }

  static Value num(long n, Meta at) {
    return new Value.Num(BigDecimal.valueOf(n), at);
  }

  static Value arg(List<Value> a, int i) throws EvalError {
    if (i >= a.size()) throw new EvalError("missing argument " + (i + 1));
    return a.get(i);
  }

  private static String str(List<Value> a, int i, boolean any) throws EvalError {
    Value v = arg(a, i);
    if (v instanceof Value.Str s) return s.value();
    if (any) return text(v);
    throw new EvalError("argument " + (i + 1) + " must be a string");
  }

  private static List<String> texts(List<Value> a) throws EvalError {
    List<String> out = new ArrayList<>();
    for (Value v : a) out.add(text(v));
    return out;
  }

  /** The string form ARM uses when a value is concatenated or formatted. */
  static String text(Value v) throws EvalError {
    if (v instanceof Value.Str s) return s.value();
    if (v instanceof Value.Num n) return n.value().stripTrailingZeros().toPlainString();
    if (v instanceof Value.Bool b) return b.value() ? "True" : "False";
    if (v instanceof Value.Null) return "";
    throw new EvalError("cannot turn an array or object into a string here");
  }

  private static boolean bool(Value v) throws EvalError {
    if (v instanceof Value.Bool b) return b.value();
    throw new EvalError("needs a boolean");
  }

  /** A comparison's result, or Unknown when an Unknown item inside the operands decides it. */
  private static Value known(Boolean b, Meta at) {
    return b == null ? new Value.Unknown("the comparison involves an Unknown item", at) : new Value.Bool(b, at);
  }

  /** Structural equality; null when it depends on an Unknown nested in an array or object. */
  static Boolean same(Value x, Value y) {
    if (x.isUnknown() || y.isUnknown()) return null;
    if (x instanceof Value.Str a && y instanceof Value.Str b) return a.value().equals(b.value());
    if (x instanceof Value.Num a && y instanceof Value.Num b) return a.value().compareTo(b.value()) == 0;
    if (x instanceof Value.Bool a && y instanceof Value.Bool b) return a.value() == b.value();
    if (x instanceof Value.Null && y instanceof Value.Null) return true;
    if (x instanceof Value.Arr a && y instanceof Value.Arr b) {
      if (a.items().size() != b.items().size()) return false;
      Boolean result = true;
      for (int i = 0; i < a.items().size(); i++) {
        Boolean eq = same(a.items().get(i), b.items().get(i));
        if (Boolean.FALSE.equals(eq)) return false;
        if (eq == null) result = null;
      }
      return result;
    }
    if (x instanceof Value.Obj a && y instanceof Value.Obj b) {
      if (a.fields().size() != b.fields().size()) return false;
      Boolean result = true;
      for (Map.Entry<String, Value> e : a.fields().entrySet()) {
        Value other = b.get(e.getKey()).orElse(null);
        if (other == null) return false;
        Boolean eq = same(e.getValue(), other);
        if (Boolean.FALSE.equals(eq)) return false;
        if (eq == null) result = null;
      }
      return result;
    }
    return false;
  }
}
