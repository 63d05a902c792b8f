package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates template language expressions over model values. Anything that depends on the
 * deployment (reference(), list*(), utcNow(), a parameter without a value) is {@link
 * Value.Unknown}, and Unknown propagates through every function.
 */
public final class Evaluator {
  private final Scope scope;

  public Evaluator(Scope scope) {
    this.scope = scope;
  }

  /**
   * Evaluates a JSON string value: an expression if it is {@code [...]}, the literal (with the
   * {@code [[} escape removed) otherwise.
   */
  public Value evalString(Value.Str s) {
    String text = s.value();
    if (!ExprParser.isExpression(text)) {
      return text.startsWith("[[") ? new Value.Str(ExprParser.unescapeLiteral(text), s.meta()) : s;
    }
    try {
      return eval(ExprParser.parseBracketed(text), s.meta());
    } catch (ExprSyntaxException e) {
      return new Value.Unknown("cannot parse expression: " + e.getMessage(), s.meta());
    }
  }

  public Value eval(Expr e, Meta at) {
    if (e instanceof Expr.StrLit s) return new Value.Str(s.value(), at);
    if (e instanceof Expr.NumLit n) return new Value.Num(n.value(), at);
    if (e instanceof Expr.Member m) return member(eval(m.target(), at), m.name(), at);
    if (e instanceof Expr.Index ix) return index(eval(ix.target(), at), eval(ix.index(), at), at);
    Expr.Call c = (Expr.Call) e;
    String fn = c.name().toLowerCase(Locale.ROOT);
    // if() evaluates only the branch it picks, so an Unknown in the other one does not spread
    if (fn.equals("if") && c.args().size() == 3) {
      Value cond = eval(c.args().get(0), at);
      if (cond instanceof Value.Bool b) return eval(c.args().get(b.value() ? 1 : 2), at);
      if (cond.isUnknown()) return new Value.Unknown(((Value.Unknown) cond).reason(), at);
      return new Value.Unknown("if() needs a boolean condition", at);
    }
    if (fn.equals("parameters") || fn.equals("variables")) {
      if (c.args().size() != 1) return new Value.Unknown(fn + "() takes one argument", at);
      Value name = eval(c.args().get(0), at);
      if (!(name instanceof Value.Str s)) return unknownFrom(name, at, fn + "() needs a name");
      return fn.equals("parameters") ? scope.parameter(s.value(), at) : scope.variable(s.value(), at);
    }
    Functions.Fn impl = Functions.get(fn);
    if (impl == null) {
      if (fn.startsWith("list") || fn.equals("reference") || fn.equals("utcnow") || fn.equals("newguid")) {
        return new Value.Unknown(c.name() + "() is known only at deployment time", at);
      }
      scope.unknownFunction(c.name(), at);
      return new Value.Unknown("function " + c.name() + "() is not evaluated", at);
    }
    List<Value> args = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) args.add(eval(a, at));
    if (!impl.seesUnknown()) {
      for (Value a : args) {
        if (a.isUnknown()) return new Value.Unknown(((Value.Unknown) a).reason(), at);
      }
    }
    try {
      return impl.apply(args, at);
    } catch (Functions.EvalError err) {
      return new Value.Unknown(c.name() + "(): " + err.getMessage(), at);
    }
  }

  private static Value member(Value target, String name, Meta at) {
    if (target instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
    if (target instanceof Value.Obj o) {
      return o.get(name).map(v -> Functions.relocate(v, at)).orElseGet(() -> new Value.Unknown("no property '" + name + "'", at));
    }
    return new Value.Unknown("'." + name + "' on a value that is not an object", at);
  }

  private static Value index(Value target, Value idx, Meta at) {
    if (target instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
    if (idx instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
    if (target instanceof Value.Arr a && idx instanceof Value.Num n) {
      int i = n.value().intValue();
      if (i < 0 || i >= a.items().size()) return new Value.Unknown("index " + i + " out of range", at);
      return Functions.relocate(a.items().get(i), at);
    }
    if (target instanceof Value.Obj o && idx instanceof Value.Str s) return member(o, s.value(), at);
    return new Value.Unknown("cannot index this value", at);
  }

  private static Value unknownFrom(Value v, Meta at, String reason) {
    return v instanceof Value.Unknown u ? new Value.Unknown(u.reason(), at) : new Value.Unknown(reason, at);
  }
}
