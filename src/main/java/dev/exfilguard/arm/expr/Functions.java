package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
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

    /** The function applied where {@code target} is the deployment its expression belongs to. */
    default Value apply(DeploymentTarget target, List<Value> args, Meta at) throws EvalError {
      return apply(args, at);
    }

    /** True for functions that handle Unknown arguments themselves (coalesce, and, createArray). */
    default boolean seesUnknown() {
      return false;
    }

    /**
     * True for string functions that build symbolic terms ({@link Value.Unknown#term()}): they
     * see Unknown arguments that carry a term, and any other Unknown argument makes the result
     * Unknown before they run.
     */
    default boolean seesSymbols() {
      return false;
    }
  }

  /** A function with the Unknown arguments it handles itself. */
  private record Flagged(Fn fn, boolean seesUnknown, boolean seesSymbols) implements Fn {
    @Override
    public Value apply(List<Value> args, Meta at) throws EvalError {
      return fn.apply(args, at);
    }
  }

  /** A function of the deployment its expression belongs to. */
  interface TargetFn {
    Value apply(DeploymentTarget target, List<Value> args, Meta at) throws EvalError;
  }

  /** A deployment would fail here (bad argument, out of range): the value is Unknown. */
  static class EvalError extends Exception {
    private static final long serialVersionUID = 1L;

    EvalError(String message) {
      super(message, null, false, false);
    }
  }

  private static final Map<String, Fn> FUNCTIONS = new HashMap<>();

  /** How a family adds its functions. */
  static final class Registry {
    void def(String name, Fn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), fn);
    }

    /** A function of the deployment's target ({@code resourceGroup()}, {@code resourceId()}), over symbolic arguments too. */
    void defTargeted(String name, TargetFn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), new Fn() {
        @Override
        public Value apply(List<Value> args, Meta at) throws EvalError {
          throw new EvalError("needs a deployment");
        }

        @Override
        public Value apply(DeploymentTarget target, List<Value> args, Meta at) throws EvalError {
          return fn.apply(target, args, at);
        }

        @Override
        public boolean seesSymbols() {
          return true;
        }
      });
    }

    /** A string function that also builds terms over symbolic arguments. */
    void defSymbolic(String name, Fn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), new Flagged(fn, false, true));
    }

    void defLenient(String name, Fn fn) {
      FUNCTIONS.put(name.toLowerCase(Locale.ROOT), new Flagged(fn, true, false));
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

  /**
   * The term of a string-like argument (a number or bool as ARM turns it into text), or of a
   * symbolic one.
   */
  static Term term(List<Value> a, int i) throws EvalError {
    Value v = arg(a, i);
    if (v instanceof Value.Unknown u && u.term() != null) return u.term();
    return Term.text(text(v));
  }

  /** True when some argument is a symbolic string. */
  static boolean anySymbolic(List<Value> a) {
    for (Value v : a) if (v instanceof Value.Unknown u && u.term() != null) return true;
    return false;
  }

  /** The most pieces (texts and symbols) a symbolic string may have. */
  static final int MAX_TERM_PARTS = 64;

  /** A known string when the term is text, else a symbolic value that says what it waits for. */
  static Value stringOf(Term t, Meta at) throws EvalError {
    if (t.isText()) {
      String s = t.render();
      Limits.checkString(s.length());
      return new Value.Str(s, at);
    }
    Limits.checkString(t.render().length());
    // names are built from a few pieces; a term of hundreds says nothing a person could check
    if (t.parts().size() > MAX_TERM_PARTS) return new Value.Unknown("a string built from more than " + MAX_TERM_PARTS + " pieces known only at deployment", at);
    return Value.Unknown.symbolic(t, "it is built from values known only at deployment (" + t.render() + ")", at);
  }

  /** A symbol made by a function of others: {@code uniqueString(resourceGroup().id,env)}. */
  static Term derived(String function, List<Term> args, String... extra) {
    StringBuilder key = new StringBuilder(function.toLowerCase(Locale.ROOT)).append('(');
    StringBuilder label = new StringBuilder(function).append('(');
    List<String> hints = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        key.append(',');
        label.append(',');
      }
      key.append(args.get(i).exactKey());
      label.append(args.get(i).argumentLabel());
      for (Term.Symbol s : args.get(i).symbols()) if (s.hint() != null && !hints.contains(s.hint())) hints.add(s.hint());
    }
    for (String e : extra) {
      key.append(',').append(e);
      label.append(',').append(e);
    }
    return Term.symbol(key.append(')').toString(), label.append(')').toString(), hints.isEmpty() ? null : String.join(", ", hints));
  }

  /** Structural equality; null when it depends on an Unknown nested in an array or object. */
  static Boolean same(Value x, Value y) {
    Term tx = x instanceof Value.Unknown u ? u.term() : null;
    Term ty = y instanceof Value.Unknown u ? u.term() : null;
    if ((tx != null || ty != null) && (tx != null || x instanceof Value.Str) && (ty != null || y instanceof Value.Str)) {
      // two strings built from symbols: the same for every value, different for every value, or undecided
      Term a = tx != null ? tx : Term.text(((Value.Str) x).value());
      Term b = ty != null ? ty : Term.text(((Value.Str) y).value());
      return switch (a.compare(b, false)) {
        case SAME -> true;
        case DIFFERENT -> false;
        case UNDECIDED -> null;
      };
    }
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
