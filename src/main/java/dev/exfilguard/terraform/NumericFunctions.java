package dev.exfilguard.terraform;

import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Numeric functions: abs, ceil, floor, min, max, sum, pow, signum, parseint. */
final class NumericFunctions {
  private NumericFunctions() {}

  static void register(Functions.Registry r) {
    r.add("abs", (a, c) -> c.num(one(a, c).abs()));
    r.add("ceil", (a, c) -> c.num(one(a, c).setScale(0, RoundingMode.CEILING)));
    r.add("floor", (a, c) -> c.num(one(a, c).setScale(0, RoundingMode.FLOOR)));
    r.add("signum", (a, c) -> c.num(one(a, c).signum()));
    r.add("min", (a, c) -> c.num(numbers(a, c).stream().min(BigDecimal::compareTo).orElseThrow()));
    r.add("max", (a, c) -> c.num(numbers(a, c).stream().max(BigDecimal::compareTo).orElseThrow()));
    r.add("sum", (a, c) -> {
      c.arity(a, 1, 1);
      List<Value> l = TfValues.list(a.get(0), "sum() list");
      if (l.isEmpty()) throw new EvalError("sum() of an empty list");
      BigDecimal s = BigDecimal.ZERO;
      for (Value v : l) s = s.add(TfValues.number(v, "sum() element"));
      return c.num(s);
    });
    r.add("pow", (a, c) -> {
      c.arity(a, 2, 2);
      BigDecimal e = TfValues.number(a.get(1), "exponent");
      double d = Math.pow(TfValues.number(a.get(0), "base").doubleValue(), e.doubleValue());
      if (Double.isNaN(d) || Double.isInfinite(d)) throw EvalError.limit("pow() result out of range");
      return c.num(BigDecimal.valueOf(d));
    });
    r.add("parseint", (a, c) -> {
      c.arity(a, 2, 2);
      try {
        return c.num(new BigDecimal(new java.math.BigInteger(TfValues.string(a.get(0), "number"), TfValues.integer(a.get(1), "base"))));
      } catch (NumberFormatException e) {
        throw new EvalError("parseint(): not a number in that base");
      }
    });
  }

  private static BigDecimal one(List<Value> a, Functions.Call c) {
    c.arity(a, 1, 1);
    return TfValues.number(a.get(0), c.name() + "() argument");
  }

  private static List<BigDecimal> numbers(List<Value> a, Functions.Call c) {
    c.arity(a, 1, Integer.MAX_VALUE);
    List<BigDecimal> out = new ArrayList<>();
    for (Value v : a) out.add(TfValues.number(v, c.name() + "() argument"));
    return out;
  }
}
