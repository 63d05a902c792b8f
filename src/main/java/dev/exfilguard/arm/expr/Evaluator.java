package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates template language expressions over model values. Anything that depends on the
 * deployment (reference(), list*(), utcNow(), a parameter without a value) is {@link
 * Value.Unknown}, and Unknown propagates through every function. All work is charged to the
 * file's {@link Limits}.
 */
public final class Evaluator {
  /** Known only when deployed: Unknown without a note, since nothing is missing from exfilguard. */
  private static final Set<String> DEPLOYMENT_TIME =
      Set.of("reference", "pickzones", "providers", "datetimeadd", "datetimefromepoch", "datetimetoepoch");

  private final Scope scope;
  private final Limits limits;
  /** Parameters of the lambdas being applied, innermost last. */
  private final Deque<Map<String, Value>> lambdaFrames = new ArrayDeque<>();
  private final Map<String, Object> parsed;

  public Evaluator(Scope scope) {
    this(scope, new Limits(new ArrayList<>()));
  }

  public Evaluator(Scope scope, Limits limits) {
    this.scope = scope;
    this.limits = limits;
    this.parsed = limits.parseCache;
  }

  public Limits limits() {
    return limits;
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
    Object p = parsed.get(text);
    if (p == null) {
      try {
        p = ExprParser.parseBracketed(text);
      } catch (ExprSyntaxException e) {
        p = e.getMessage();
      }
      parsed.put(text, p);
    }
    if (p instanceof String error) {
      // a template that does not parse is not "no findings": said where the expression stands
      if (error.startsWith(ExprParser.TOO_DEEP)) {
        limits.note("expression-depth", s.meta().location(), "expression " + error + "; it is not evaluated and its value is unknown");
      } else {
        limits.syntaxError(s.meta().location(), "cannot parse expression: " + error);
      }
      return new Value.Unknown("cannot parse expression: " + error, s.meta());
    }
    return eval((Expr) p, s.meta());
  }

  /** Evaluates every expression string inside a value. */
  public Value evalDeep(Value v) {
    if (v instanceof Value.Str s) return evalString(s);
    if (v instanceof Value.Arr a) {
      List<Value> items = new ArrayList<>(a.items().size());
      for (Value i : a.items()) items.add(evalDeep(i));
      return new Value.Arr(items, a.meta());
    }
    if (v instanceof Value.Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) fields.put(e.getKey(), evalDeep(e.getValue()));
      return new Value.Obj(fields, o.meta());
    }
    return v;
  }

  public Value eval(Expr e, Meta at) {
    // expressions in expressions and variables naming variables recurse here: bounded, not the Java stack
    if (!limits.budget().enter(at.location())) return new Value.Unknown("evaluation nested too deeply", at);
    try {
      return evalNode(e, at);
    } finally {
      limits.budget().exit();
    }
  }

  private Value evalNode(Expr e, Meta at) {
    if (!limits.charge(1, at.location())) return new Value.Unknown("the file's evaluation budget is spent", at);
    if (e instanceof Expr.StrLit s) return new Value.Str(s.value(), at);
    if (e instanceof Expr.NumLit n) return new Value.Num(n.value(), at);
    if (e instanceof Expr.Member m) return member(eval(m.target(), at), m.name(), at);
    if (e instanceof Expr.Index ix) return index(eval(ix.target(), at), eval(ix.index(), at), at);
    Value v = call((Expr.Call) e, at);
    // values produced (and copied where a parameter or variable is used) cost their size, counted as written out
    if (!limits.weigh(v, at.location())) return new Value.Unknown("the value is too large to evaluate", at);
    return v;
  }

  private Value call(Expr.Call c, Meta at) {
    String fn = c.key();
    switch (fn) {
      case "if":
        return ifCall(c, at);
      case "parameters", "variables": {
        if (c.args().size() != 1) return new Value.Unknown(fn + "() takes one argument", at);
        Value name = eval(c.args().get(0), at);
        if (!(name instanceof Value.Str s)) return unknownFrom(name, at, fn + "() needs a name");
        return fn.equals("parameters") ? scope.parameter(s.value(), at) : scope.variable(s.value(), at);
      }
      case "copyindex":
        return copyIndex(c, at);
      case "lambdavariables":
        return lambdaVariable(c, at);
      case "lambda":
        return new Value.Unknown("lambda() is evaluated only as an argument of map(), filter(), reduce(), sort() and the like", at);
      default:
        break;
    }
    if (LambdaFunctions.handles(fn)) return LambdaFunctions.apply(this, fn, c, at);
    if (fn.indexOf('.') >= 0) return userFunction(c, at);
    if (fn.equals("reference") && !c.args().isEmpty()) return reference(c, at);
    if (fn.equals("utcnow")) {
      // one timestamp per deployment: the same format gives the same value wherever it is used
      List<Value> args = evalArgs(c, at);
      String format = args.isEmpty() ? "" : args.get(0) instanceof Value.Str s ? s.value() : null;
      if (format == null) return new Value.Unknown("utcNow() is known only at deployment time", at);
      return symbol("utcnow:" + scope.symbolScope() + ":" + format, "utcNow(" + (format.isEmpty() ? "" : "'" + format + "'") + ")", at);
    }
    if (fn.equals("newguid")) {
      // a new value at every use
      return symbol("newguid:" + scope.symbolScope() + ":" + at.location(), "newGuid()", at);
    }
    Functions.Fn impl = Functions.get(fn);
    if (impl == null) {
      if (fn.startsWith("list") || DEPLOYMENT_TIME.contains(fn)) {
        return new Value.Unknown(c.name() + "() is known only at deployment time", at);
      }
      UserFunction udf = scope.function(c.name());
      if (udf != null) return userFunction(c, at);
      scope.unknownFunction(c.name(), at);
      return new Value.Unknown("function " + c.name() + "() is not evaluated", at);
    }
    List<Value> args = evalArgs(c, at);
    if (!impl.seesUnknown()) {
      for (Value a : args) {
        if (a instanceof Value.Unknown u && !(impl.seesSymbols() && u.term() != null)) return new Value.Unknown(u.reason(), at);
      }
    }
    return apply(c.name(), impl, args, at);
  }

  /**
   * reference(): the outputs of a nested deployment (or the declared properties of a resource)
   * the template itself determines; otherwise a symbol for what the deployed resource will hold,
   * the same for every use of the same ID in this deployment.
   */
  private Value reference(Expr.Call c, Meta at) {
    Value id = eval(c.args().get(0), at);
    Value known = id instanceof Value.Unknown u && u.term() == null ? null : scope.reference(id, at);
    if (known != null) return known;
    if (id.isUnknown() && c.args().get(0) instanceof Expr.Call rid && rid.key().equals("resourceid") && rid.args().size() == 2
        && eval(rid.args().get(0), at) instanceof Value.Str t && t.value().equalsIgnoreCase("Microsoft.Resources/deployments")) {
      known = scope.referenceByName(rid.args().get(1), at);
      if (known != null) return known;
    }
    dev.exfilguard.model.Term t = Value.termOf(id);
    if (t == null) return new Value.Unknown("reference() is known only at deployment time", at);
    List<dev.exfilguard.model.Term> last = t.split('/');
    return symbol("reference:" + scope.symbolScope() + ":" + t.key(true), "reference(" + last.get(last.size() - 1).render() + ")", at);
  }

  private static Value symbol(String key, String label, Meta at) {
    return Value.Unknown.symbolic(dev.exfilguard.model.Term.symbol(key, label, null), label + " is known only at deployment time", at);
  }

  private List<Value> evalArgs(Expr.Call c, Meta at) {
    List<Value> args = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) args.add(eval(a, at));
    return args;
  }

  private Value apply(String name, Functions.Fn impl, List<Value> args, Meta at) {
    try {
      return impl.apply(scope.target(), args, at);
    } catch (Limits.Exceeded ex) {
      limits.note(ex.kind, at.location(), ex.getMessage() + " (in " + name + "()); values that need it are unknown");
      return new Value.Unknown(name + "(): " + ex.getMessage(), at);
    } catch (Functions.EvalError err) {
      return new Value.Unknown(name + "(): " + err.getMessage(), at);
    }
  }

  /** if() evaluates only the branch it picks, so an Unknown in the other one does not spread. */
  private Value ifCall(Expr.Call c, Meta at) {
    if (c.args().size() != 3) return new Value.Unknown("if() takes three arguments", at);
    Value cond = eval(c.args().get(0), at);
    if (cond instanceof Value.Bool b) return eval(c.args().get(b.value() ? 1 : 2), at);
    if (cond.isUnknown()) return new Value.Unknown(((Value.Unknown) cond).reason(), at);
    return new Value.Unknown("if() needs a boolean condition", at);
  }

  /** copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset). */
  private Value copyIndex(Expr.Call c, Meta at) {
    List<Value> args = evalArgs(c, at);
    String loop = null;
    int next = 0;
    if (!args.isEmpty() && args.get(0) instanceof Value.Str s) {
      loop = s.value();
      next = 1;
    }
    long offset = 0;
    if (args.size() > next) {
      Value o = args.get(next);
      if (o.isUnknown()) return unknownFrom(o, at, "");
      try {
        offset = Functions.integer(o, next);
      } catch (Functions.EvalError e) {
        return new Value.Unknown("copyIndex(): " + e.getMessage(), at);
      }
    }
    Value index = scope.copyIndex(loop, at);
    if (index instanceof Value.Unknown u && u.term() != null) {
      // the index of a representative instance: one symbol per loop, shifted by the offset
      if (offset == 0) return index.relocated(at.location());
      Term.Symbol s = u.term().symbols().get(0);
      return Value.Unknown.symbolic(Term.symbol(s.key() + "+" + offset, s.label() + "+" + offset, null), u.reason(), at);
    }
    if (!(index instanceof Value.Num n)) return index.isUnknown() ? new Value.Unknown(((Value.Unknown) index).reason(), at) : index;
    return Functions.num(n.value().longValue() + offset, at);
  }

  private Value lambdaVariable(Expr.Call c, Meta at) {
    List<Value> args = evalArgs(c, at);
    if (args.size() != 1 || !(args.get(0) instanceof Value.Str s)) return new Value.Unknown("lambdaVariables() takes a name", at);
    for (var it = lambdaFrames.descendingIterator(); it.hasNext(); ) {
      Map<String, Value> frame = it.next();
      Value v = frame.get(s.value().toLowerCase(Locale.ROOT));
      if (v != null) return Functions.relocate(v, at);
    }
    return new Value.Unknown("lambda variable '" + s.value() + "' is not defined here", at);
  }

  /** Applies a {@code lambda('a', 'b', body)} expression to arguments. */
  Value applyLambda(Expr lambda, List<Value> args, Meta at) {
    if (!(lambda instanceof Expr.Call l) || !l.name().equalsIgnoreCase("lambda") || l.args().isEmpty()) {
      return new Value.Unknown("expected a lambda() expression", at);
    }
    int params = l.args().size() - 1;
    Map<String, Value> frame = new HashMap<>();
    for (int i = 0; i < params; i++) {
      if (!(l.args().get(i) instanceof Expr.StrLit name)) return new Value.Unknown("lambda() parameter names are strings", at);
      frame.put(name.value().toLowerCase(Locale.ROOT), i < args.size() ? args.get(i) : new Value.Unknown("no value for lambda parameter", at));
    }
    lambdaFrames.addLast(frame);
    try {
      return eval(l.args().get(params), at);
    } finally {
      lambdaFrames.removeLast();
    }
  }

  /** How many parameters a lambda declares (map() passes the index only to two-parameter lambdas). */
  static int lambdaArity(Expr lambda) {
    return lambda instanceof Expr.Call l && l.name().equalsIgnoreCase("lambda") ? l.args().size() - 1 : -1;
  }

  private Value userFunction(Expr.Call c, Meta at) {
    UserFunction f = scope.function(c.name());
    if (f == null) {
      scope.unknownFunction(c.name(), at);
      return new Value.Unknown("function " + c.name() + "() is not defined", at);
    }
    List<Value> args = evalArgs(c, at);
    if (limits.callDepth >= Limits.MAX_CALL_DEPTH) {
      limits.note("calls", at.location(), "user-defined functions nested deeper than " + Limits.MAX_CALL_DEPTH
          + " calls (recursion?) are not evaluated; values that need them are unknown");
      return new Value.Unknown("user-defined functions nested too deep", at);
    }
    Map<String, Value> bound = new HashMap<>();
    for (int i = 0; i < f.parameters().size(); i++) {
      bound.put(f.parameters().get(i).toLowerCase(Locale.ROOT), i < args.size() ? args.get(i) : new Value.Unknown("argument missing", at));
    }
    Scope inner = new FunctionScope(f, bound, scope);
    limits.callDepth++;
    try {
      Value out = new Evaluator(inner, limits).evalDeep(f.output());
      return Functions.relocate(out, at);
    } finally {
      limits.callDepth--;
    }
  }

  /** Inside a user-defined function: its own parameters and the template's functions, nothing else. */
  private record FunctionScope(UserFunction f, Map<String, Value> args, Scope template) implements Scope {
    @Override
    public Value parameter(String name, Meta at) {
      Value v = args.get(name.toLowerCase(Locale.ROOT));
      return v == null ? new Value.Unknown("function " + f.name() + " has no parameter '" + name + "'", at) : v.relocated(at.location());
    }

    @Override
    public Value variable(String name, Meta at) {
      return new Value.Unknown("user-defined functions cannot use variables", at);
    }

    @Override
    public void unknownFunction(String name, Meta at) {
      template.unknownFunction(name, at);
    }

    @Override
    public UserFunction function(String qualifiedName) {
      return template.function(qualifiedName);
    }

    @Override
    public DeploymentTarget target() {
      return template.target();
    }

    @Override
    public String symbolScope() {
      return template.symbolScope();
    }
  }

  private static Value member(Value target, String name, Meta at) {
    if (target instanceof Value.Unknown u) return part(u, "." + name, at);
    if (target instanceof Value.Obj o) {
      return o.get(name).map(v -> Functions.relocate(v, at)).orElseGet(() -> new Value.Unknown("no property '" + name + "'", at));
    }
    return new Value.Unknown("'." + name + "' on a value that is not an object", at);
  }

  private static Value index(Value target, Value idx, Meta at) {
    if (idx instanceof Value.Unknown u) return new Value.Unknown(u.reason(), at);
    if (target instanceof Value.Unknown u) {
      String step = idx instanceof Value.Num n ? "[" + n.value().toPlainString() + "]"
          : idx instanceof Value.Str s ? "." + s.value() : null;
      return step == null ? new Value.Unknown(u.reason(), at) : part(u, step, at);
    }
    if (target instanceof Value.Arr a && idx instanceof Value.Num n) {
      int i = n.value().intValue();
      if (i < 0 || i >= a.items().size()) return new Value.Unknown("index " + i + " out of range", at);
      return Functions.relocate(a.items().get(i), at);
    }
    if (target instanceof Value.Obj o && idx instanceof Value.Str s) return member(o, s.value(), at);
    return new Value.Unknown("cannot index this value", at);
  }

  /**
   * A property or item of a value known only at deployment: a symbol of its own when the value
   * is one ({@code parameters('network').vnetName} is the same wherever it is used), else Unknown.
   */
  private static Value part(Value.Unknown u, String step, Meta at) {
    dev.exfilguard.model.Term t = u.term();
    if (t == null || t.parts().size() != 1 || !(t.parts().get(0) instanceof dev.exfilguard.model.Term.Symbol s)
        || s.fold() != dev.exfilguard.model.Term.Fold.NONE) {
      return new Value.Unknown(u.reason(), at);
    }
    String key = s.key() + step.toLowerCase(Locale.ROOT);
    return Value.Unknown.symbolic(dev.exfilguard.model.Term.symbol(key, s.label() + step, s.hint()), u.reason(), at);
  }

  static Value unknownFrom(Value v, Meta at, String reason) {
    return v instanceof Value.Unknown u ? new Value.Unknown(u.reason(), at) : new Value.Unknown(reason, at);
  }
}
