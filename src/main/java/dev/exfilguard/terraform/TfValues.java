package dev.exfilguard.terraform;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform's view of model values: lists, sets and tuples are {@link Value.Arr}, maps and
 * objects are {@link Value.Obj}; conversions follow Terraform's automatic type conversion
 * (a number or bool is a string where a string is wanted, {@code "5"} a number where a number
 * is wanted).
 */
final class TfValues {
  private TfValues() {}

  /** True when no Unknown occurs anywhere in the value. */
  static boolean isWhollyKnown(Value v) {
    if (v instanceof Value.Unknown) return false;
    if (v instanceof Value.Arr a) return a.items().stream().allMatch(TfValues::isWhollyKnown);
    if (v instanceof Value.Obj o) return o.fields().values().stream().allMatch(TfValues::isWhollyKnown);
    return true;
  }

  static String string(Value v, String what) {
    if (v instanceof Value.Str s) return s.value();
    if (v instanceof Value.Num n) return plain(n.value());
    if (v instanceof Value.Bool b) return Boolean.toString(b.value());
    if (v instanceof Value.Null) throw new EvalError(what + " must not be null");
    throw new EvalError(what + " must be a string, not " + typeName(v));
  }

  static BigDecimal number(Value v, String what) {
    if (v instanceof Value.Num n) return n.value();
    if (v instanceof Value.Str s) {
      try {
        return new BigDecimal(s.value().trim());
      } catch (NumberFormatException e) {
        throw new EvalError(what + ": \"" + s.value() + "\" is not a number");
      }
    }
    throw new EvalError(what + " must be a number, not " + typeName(v));
  }

  static int integer(Value v, String what) {
    BigDecimal d = number(v, what);
    try {
      return d.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      throw new EvalError(what + " must be a whole number");
    }
  }

  static boolean bool(Value v, String what) {
    if (v instanceof Value.Bool b) return b.value();
    if (v instanceof Value.Str s && (s.value().equals("true") || s.value().equals("false"))) return s.value().equals("true");
    throw new EvalError(what + " must be a bool, not " + typeName(v));
  }

  static List<Value> list(Value v, String what) {
    if (v instanceof Value.Arr a) return a.items();
    throw new EvalError(what + " must be a list, not " + typeName(v));
  }

  static Map<String, Value> map(Value v, String what) {
    if (v instanceof Value.Obj o) return o.fields();
    throw new EvalError(what + " must be a map or object, not " + typeName(v));
  }

  static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    // 1e999999999 is small as a number and a gigabyte as text
    dev.exfilguard.source.Budget.checkString(Math.max((long) s.precision() - s.scale(), (long) s.scale() + 1));
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }

  static String typeName(Value v) {
    if (v instanceof Value.Str) return "string";
    if (v instanceof Value.Num) return "number";
    if (v instanceof Value.Bool) return "bool";
    if (v instanceof Value.Null) return "null";
    if (v instanceof Value.Arr) return "list";
    if (v instanceof Value.Obj) return "object";
    return "unknown";
  }

  /**
   * Terraform equality: values of different types are not equal (except a number and the
   * string that spells it, which Terraform converts); null equals only null. Null when either
   * side holds an Unknown that decides the result.
   */
  static Boolean equal(Value a, Value b) {
    Term ta = a instanceof Value.Unknown u ? u.term() : a instanceof Value.Str s ? Term.text(s.value()) : null;
    Term tb = b instanceof Value.Unknown u ? u.term() : b instanceof Value.Str s ? Term.text(s.value()) : null;
    if ((a instanceof Value.Unknown || b instanceof Value.Unknown) && ta != null && tb != null) {
      // strings built from symbols: the same for every value, different for every value, or undecided
      return switch (ta.compare(tb, false)) {
        case SAME -> true;
        case DIFFERENT -> false;
        case UNDECIDED -> null;
      };
    }
    if (a instanceof Value.Unknown || b instanceof Value.Unknown) return null;
    if (a instanceof Value.Null || b instanceof Value.Null) return a instanceof Value.Null && b instanceof Value.Null;
    if (a instanceof Value.Num x && b instanceof Value.Num y) return x.value().compareTo(y.value()) == 0;
    if (a instanceof Value.Str x && b instanceof Value.Str y) return x.value().equals(y.value());
    if (a instanceof Value.Bool x && b instanceof Value.Bool y) return x.value() == y.value();
    if (a instanceof Value.Arr x && b instanceof Value.Arr y) {
      if (x.items().size() != y.items().size()) return false;
      boolean unknown = false;
      for (int i = 0; i < x.items().size(); i++) {
        Boolean e = equal(x.items().get(i), y.items().get(i));
        if (e == null) unknown = true;
        else if (!e) return false;
      }
      return unknown ? null : true;
    }
    if (a instanceof Value.Obj x && b instanceof Value.Obj y) {
      if (!x.fields().keySet().equals(y.fields().keySet())) return false;
      boolean unknown = false;
      for (Map.Entry<String, Value> e : x.fields().entrySet()) {
        Boolean r = equal(e.getValue(), y.fields().get(e.getKey()));
        if (r == null) unknown = true;
        else if (!r) return false;
      }
      return unknown ? null : true;
    }
    return false;
  }

  /** A known string when the term is text, else a symbolic value that says what it waits for. */
  static Value stringOf(Term t, Meta meta) {
    if (t.isText()) return new Value.Str(t.render(), meta);
    return Value.Unknown.symbolic(t, "it is built from values known only after apply (" + t.render() + ")", meta);
  }

  static Value.Arr arr(List<Value> items, Meta meta) {
    return new Value.Arr(items, meta);
  }

  static Value.Obj obj(Map<String, Value> fields, Meta meta) {
    return new Value.Obj(fields, meta);
  }

  /** A set of values in Terraform's order: strings sorted lexically, duplicates removed. */
  static Value.Arr set(List<Value> items, Meta meta) {
    List<Value> out = new ArrayList<>();
    for (Value v : items) {
      boolean dup = false;
      for (Value o : out) {
        if (Boolean.TRUE.equals(equal(v, o))) {
          dup = true;
          break;
        }
      }
      if (!dup) out.add(v);
    }
    if (out.stream().allMatch(x -> x instanceof Value.Str)) {
      out.sort((x, y) -> ((Value.Str) x).value().compareTo(((Value.Str) y).value()));
    }
    return new Value.Arr(out, meta);
  }

  static Map<String, Value> copy(Map<String, Value> m) {
    return new LinkedHashMap<>(m);
  }
}
