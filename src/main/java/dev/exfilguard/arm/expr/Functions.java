package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of template functions the evaluator implements, with ARM's semantics (names are
 * case-insensitive), and the argument conversions the families share. Each family registers
 * itself: {@link StringFunctions}, {@link CollectionFunctions}, {@link LogicFunctions},
 * {@link NumericFunctions}, {@link DeploymentFunctions}; the lambda functions need the
 * evaluator and live in {@link LambdaFunctions}. Functions not known yield Unknown and are
 * reported once per file.
 */
final class Functions {
  private Functions() {}

  /** A function implementation over evaluated arguments. */
  interface Fn {
    Value apply(List<Value> args, Meta at) throws EvalError;

    /** True for functions that handle Unknown arguments themselves (coalesce, and, createArray). */
    default boolean seesUnknown() {
      return false;
    }
  }

  /** A deployment would fail here (bad argument, out of range): the value is Unknown. */
  static class EvalError extends Exception {
    private static final long serialVersionUID = 1L;

    EvalError(String message) {
      super(message, null, false, false);
    }
  }

  /** Stand-ins for the parts of a resource ID known only at deployment time. */
  static final String SUBSCRIPTION = "{subscriptionId}";

  static final String RESOURCE_GROUP = "{resourceGroupName}";

  /**
   * The resource group's region. Templates build regional service tags from it
   * ({@code format('Storage.{0}', location)}), so it stays a placeholder like the IDs above and
   * such a tag is still recognisably a Storage tag, of an unknown region.
   */
  static final String RESOURCE_GROUP_LOCATION = "{resourceGroupLocation}";

  private static final List<String> PLACEHOLDERS = List.of(SUBSCRIPTION, RESOURCE_GROUP, RESOURCE_GROUP_LOCATION);

  /** True when a string holds a deployment-time placeholder: it compares equal only to itself. */
  static boolean symbolic(String s) {
    if (s.indexOf('{') < 0) return false;
    // toLower(resourceGroup().location) is as unknown as the placeholder itself
    String lower = s.toLowerCase(Locale.ROOT);
    for (String p : PLACEHOLDERS) if (lower.contains(p.toLowerCase(Locale.ROOT))) return true;
    return false;
  }

  private static final Map<String, Fn> FUNCTIONS = new HashMap<>();

  /** How a family adds its functions. */
  static final class Registry {
    void def(String name, Fn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), fn);
    }

    void defLenient(String name, Fn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), new Fn() {
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
  }

  static {
    Registry r = new Registry();
    LogicFunctions.register(r);
    StringFunctions.register(r);
    CollectionFunctions.register(r);
    NumericFunctions.register(r);
    DeploymentFunctions.register(r);
  }

  static Fn get(String lowerName) {
    return FUNCTIONS.get(lowerName);
  }

  /** The value, standing where the expression stands, keeping how it got there. */
  static Value relocate(Value v, Meta at) {
    return v.relocated(at.location());
  }

  static Value num(long n, Meta at) {
    return new Value.Num(BigDecimal.valueOf(n), at);
  }

  static Value arg(List<Value> a, int i) throws EvalError {
    if (i >= a.size()) throw new EvalError("missing argument " + (i + 1));
    return a.get(i);
  }

  static void arity(List<Value> a, int min, int max) throws EvalError {
    if (a.size() < min) throw new EvalError("needs at least " + min + " argument" + (min == 1 ? "" : "s"));
    if (a.size() > max) throw new EvalError("takes at most " + max + " argument" + (max == 1 ? "" : "s"));
  }

  static String str(List<Value> a, int i) throws EvalError {
    Value v = arg(a, i);
    if (v instanceof Value.Str s) return s.value();
    throw new EvalError("argument " + (i + 1) + " must be a string");
  }

  /** An integer argument; ARM's integers are 64-bit. */
  static long integer(List<Value> a, int i) throws EvalError {
    return integer(arg(a, i), i);
  }

  static long integer(Value v, int i) throws EvalError {
    if (v instanceof Value.Num n) {
      try {
        return n.value().toBigIntegerExact().longValueExact();
      } catch (ArithmeticException e) {
        throw new EvalError("argument " + (i + 1) + " must be a 64-bit integer");
      }
    }
    throw new EvalError("argument " + (i + 1) + " must be an integer");
  }

  static List<String> texts(List<Value> a) throws EvalError {
    List<String> out = new ArrayList<>();
    for (Value v : a) out.add(text(v));
    return out;
  }

  /** The string form ARM uses when a value is concatenated or formatted (.NET's: True, False). */
  static String text(Value v) throws EvalError {
    if (v instanceof Value.Str s) return s.value();
    if (v instanceof Value.Num n) return plain(n.value());
    if (v instanceof Value.Bool b) return b.value() ? "True" : "False";
    if (v instanceof Value.Null) return "";
    throw new EvalError("cannot turn an array or object into a string here");
  }

  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  static boolean bool(Value v) throws EvalError {
    if (v instanceof Value.Bool b) return b.value();
    throw new EvalError("needs a boolean");
  }

  /** A comparison's result, or Unknown when an Unknown item inside the operands decides it. */
  static Value known(Boolean b, Meta at) {
    return b == null ? new Value.Unknown("the comparison involves an Unknown item", at) : new Value.Bool(b, at);
  }

  /** A string test's result; a miss on a string holding a placeholder is Unknown, not false. */
  static Value test(boolean hit, String a, String b, Meta at) {
    if (!hit && (symbolic(a) || symbolic(b))) return new Value.Unknown("the string holds a value known only at deployment time", at);
    return new Value.Bool(hit, at);
  }

  /** Structural equality; null when it depends on an Unknown nested in an array or object. */
  static Boolean same(Value x, Value y) {
    if (x.isUnknown() || y.isUnknown()) return null;
    if (x instanceof Value.Str a && y instanceof Value.Str b) {
      if (a.value().equals(b.value())) return true;
      // 'westeurope' may or may not be the resource group's region
      return symbolic(a.value()) || symbolic(b.value()) ? null : false;
    }
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

  /** Compact JSON, as ARM's string() renders arrays and objects (Newtonsoft, no indentation). */
  static String json(Value v) throws EvalError {
    StringBuilder sb = new StringBuilder();
    json(v, sb);
    return sb.toString();
  }

  private static void json(Value v, StringBuilder sb) throws EvalError {
    if (v instanceof Value.Unknown) throw new EvalError("the value holds an Unknown item");
    if (v instanceof Value.Str s) {
      quote(s.value(), sb);
    } else if (v instanceof Value.Num n) {
      sb.append(plain(n.value()));
    } else if (v instanceof Value.Bool b) {
      sb.append(b.value());
    } else if (v instanceof Value.Null) {
      sb.append("null");
    } else if (v instanceof Value.Arr a) {
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) sb.append(',');
        json(a.items().get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Value.Obj o) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        if (!first) sb.append(',');
        first = false;
        quote(e.getKey(), sb);
        sb.append(':');
        json(e.getValue(), sb);
      }
      sb.append('}');
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  static BigInteger big(long n) {
    return BigInteger.valueOf(n);
  }
}
