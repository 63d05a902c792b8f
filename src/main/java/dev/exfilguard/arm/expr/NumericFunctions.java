package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.arg;
import static dev.exfilguard.arm.expr.Functions.integer;
import static dev.exfilguard.arm.expr.Functions.num;

import dev.exfilguard.arm.expr.Functions.EvalError;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * Numeric functions (template-functions-numeric). ARM's integers are 64-bit; div() truncates
 * toward zero and mod() keeps the dividend's sign, as C#'s operators do.
 */
final class NumericFunctions {
  private NumericFunctions() {}

  static void register(Functions.Registry r) {
    r.def("int", (a, at) -> {
      Value v = arg(a, 0);
      try {
        if (v instanceof Value.Num n) return new Value.Num(new BigDecimal(n.value().toBigInteger()), at);
        if (v instanceof Value.Str s) return new Value.Num(new BigDecimal(s.value().trim()).setScale(0, java.math.RoundingMode.DOWN), at);
      } catch (NumberFormatException e) {
        throw new EvalError("not a number");
      }
      throw new EvalError("cannot convert to int");
    });
    r.def("add", (a, at) -> binary(a, at, Math::addExact));
    r.def("sub", (a, at) -> binary(a, at, Math::subtractExact));
    r.def("mul", (a, at) -> binary(a, at, Math::multiplyExact));
    r.def("div", (a, at) -> {
      if (integer(a, 1) == 0) throw new EvalError("division by zero");
      return binary(a, at, (x, y) -> x / y);
    });
    r.def("mod", (a, at) -> {
      if (integer(a, 1) == 0) throw new EvalError("division by zero");
      return binary(a, at, (x, y) -> x % y);
    });
    r.def("min", (a, at) -> extreme(a, at, -1));
    r.def("max", (a, at) -> extreme(a, at, 1));
  }

  private static Value binary(List<Value> a, Meta at, LongBinaryOperator op) throws EvalError {
    if (a.size() != 2) throw new EvalError("takes two integers");
    try {
      return num(op.applyAsLong(integer(a, 0), integer(a, 1)), at);
    } catch (ArithmeticException e) {
      throw new EvalError("the result does not fit in 64 bits");
    }
  }

  /** min()/max() over integers given as arguments or as one array. */
  private static Value extreme(List<Value> a, Meta at, int sign) throws EvalError {
    List<Value> values = a.size() == 1 && a.get(0) instanceof Value.Arr arr ? arr.items() : new ArrayList<>(a);
    if (values.isEmpty()) throw new EvalError("needs at least one integer");
    Value best = null;
    for (Value v : values) {
      if (v instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
      if (!(v instanceof Value.Num n)) throw new EvalError("needs integers");
      if (best == null || n.value().compareTo(((Value.Num) best).value()) * sign > 0) best = v;
    }
    return new Value.Num(((Value.Num) best).value(), at);
  }
}
