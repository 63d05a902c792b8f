package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.arg;
import static dev.exfilguard.arm.expr.Functions.bool;
import static dev.exfilguard.arm.expr.Functions.known;
import static dev.exfilguard.arm.expr.Functions.relocate;
import static dev.exfilguard.arm.expr.Functions.same;

import dev.exfilguard.arm.expr.Functions.EvalError;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.List;
import java.util.Locale;

/** Logical and comparison functions (template-functions-logical, -comparison). */
final class LogicFunctions {
  private LogicFunctions() {}

  static void register(Functions.Registry r) {
    r.def("true", (a, at) -> new Value.Bool(true, at));
    r.def("false", (a, at) -> new Value.Bool(false, at));
    r.def("null", (a, at) -> new Value.Null(at));
    r.def("bool", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Bool b) return new Value.Bool(b.value(), at);
      if (v instanceof Value.Str s && (s.value().equalsIgnoreCase("true") || s.value().equalsIgnoreCase("false"))) {
        return new Value.Bool(Boolean.parseBoolean(s.value().toLowerCase(Locale.ROOT)), at);
      }
      if (v instanceof Value.Num n) return new Value.Bool(n.value().signum() != 0, at);
      throw new EvalError("cannot convert to bool");
    });
    // equals() on arrays/objects stays a known false when a known item already differs
    r.defLenient("equals", (a, at) -> known(same(arg(a, 0), arg(a, 1)), at));
    r.def("not", (a, at) -> new Value.Bool(!bool(arg(a, 0)), at));
    r.defLenient("and", (a, at) -> logic(a, at, false));
    r.defLenient("or", (a, at) -> logic(a, at, true));
    // coalesce returns the first argument that is not null; an Unknown before it could be null,
    // so the result is Unknown (template-functions-logical#coalesce)
    r.defLenient("coalesce", (a, at) -> {
      for (Value v : a) {
        if (v.isUnknown()) return new Value.Unknown(((Value.Unknown) v).reason(), at);
        if (!(v instanceof Value.Null)) return relocate(v, at);
      }
      return new Value.Null(at);
    });
    r.def("greater", (a, at) -> new Value.Bool(compare(a) > 0, at));
    r.def("greaterOrEquals", (a, at) -> new Value.Bool(compare(a) >= 0, at));
    r.def("less", (a, at) -> new Value.Bool(compare(a) < 0, at));
    r.def("lessOrEquals", (a, at) -> new Value.Bool(compare(a) <= 0, at));
  }

  /** and()/or(): a known operand that decides the result wins over an Unknown one. */
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

  /**
   * Integers compare by value; strings as .NET's culture-aware comparison orders them, which
   * ARM uses: letters compare case-insensitively first, and on a tie lower case sorts before
   * upper case (the docs' example: greater('A', 'a') is true).
   */
  static int compare(List<Value> a) throws EvalError {
    Value x = arg(a, 0);
    Value y = arg(a, 1);
    if (x instanceof Value.Num m && y instanceof Value.Num n) return m.value().compareTo(n.value());
    if (x instanceof Value.Str s && y instanceof Value.Str t) return compareStrings(s.value(), t.value());
    throw new EvalError("compares two integers or two strings");
  }

  static int compareStrings(String s, String t) {
    int c = s.toLowerCase(Locale.ROOT).compareTo(t.toLowerCase(Locale.ROOT));
    if (c != 0) return c;
    for (int i = 0; i < s.length(); i++) {
      char p = s.charAt(i);
      char q = t.charAt(i);
      if (p != q) return Character.isLowerCase(p) ? -1 : 1;
    }
    return 0;
  }
}
