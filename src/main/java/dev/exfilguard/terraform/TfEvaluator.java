package dev.exfilguard.terraform;

import dev.exfilguard.hcl.BinaryOp;
import dev.exfilguard.hcl.ConditionalExpr;
import dev.exfilguard.hcl.Expression;
import dev.exfilguard.hcl.ForExpr;
import dev.exfilguard.hcl.FunctionCall;
import dev.exfilguard.hcl.GetAttrExpr;
import dev.exfilguard.hcl.IndexExpr;
import dev.exfilguard.hcl.LiteralValue;
import dev.exfilguard.hcl.ObjectCons;
import dev.exfilguard.hcl.ObjectKey;
import dev.exfilguard.hcl.Parenthesized;
import dev.exfilguard.hcl.Range;
import dev.exfilguard.hcl.ScopeTraversal;
import dev.exfilguard.hcl.SplatExpr;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.hcl.TemplatePart;
import dev.exfilguard.hcl.Traverser;
import dev.exfilguard.hcl.TupleCons;
import dev.exfilguard.hcl.UnaryOp;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.Budget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates Terraform expressions to model values with Terraform's semantics, as far as they can
 * be known before {@code terraform plan}: anything that depends on a value we do not have is
 * {@link Value.Unknown}, which propagates (an Unknown condition picks no branch, an Unknown
 * collection gives an Unknown result). References ({@code var.}, {@code local.}, resources,
 * modules) are answered by the {@link ModuleScope}; local names ({@code each}, {@code count},
 * for-expression and {@code dynamic} iterators) by this evaluator's bindings.
 */
final class TfEvaluator {
  private static final MathContext MATH = MathContext.DECIMAL128;
  /**
   * Terraform's numbers are cty's big.Float with a 512-bit mantissa, about 154 decimal digits:
   * sums and products are rounded there too (exact ones would double their digits with each
   * {@code local.a * local.a}, and thirty of them would never end).
   */
  private static final MathContext PRECISION = new MathContext(155);

  private final ModuleScope scope;
  /** The deployment unit's budget (the root module's, shared with every evaluator of its tree). */
  private final Budget budget;
  private final Map<String, Value> bindings;
  /** The resource instance whose body is evaluated, for {@code self}; null elsewhere. */
  private final ModuleScope.Instance self;

  TfEvaluator(ModuleScope scope) {
    this(scope, scope != null ? scope.loader.budget : new Budget(d -> {}), Map.of(), null);
  }

  /** An evaluator without module references (variable defaults, tfvars, templatefile()) charging {@code budget}. */
  TfEvaluator(ModuleScope scope, Budget budget) {
    this(scope, budget, Map.of(), null);
  }

  private TfEvaluator(ModuleScope scope, Budget budget, Map<String, Value> bindings, ModuleScope.Instance self) {
    this.scope = scope;
    this.budget = budget;
    this.bindings = bindings;
    this.self = self;
  }

  Budget budget() {
    return budget;
  }

  /** This evaluator with more local names bound (inner names shadow outer ones). */
  TfEvaluator with(Map<String, Value> more) {
    Map<String, Value> b = new HashMap<>(bindings);
    b.putAll(more);
    return new TfEvaluator(scope, budget, b, self);
  }

  TfEvaluator withSelf(ModuleScope.Instance instance) {
    return new TfEvaluator(scope, budget, bindings, instance);
  }

  ModuleScope scope() {
    return scope;
  }

  static Location location(Range r) {
    return new Location(r.file(), r.start().line(), r.start().column());
  }

  /** The value, or Unknown (with the reason) where Terraform would report an error. */
  Value eval(Expression e) {
    try {
      return strict(e);
    } catch (EvalError x) {
      // a limit that Terraform itself enforces (range() over 1024 items, pow() out of range) is said once
      if (x.noted()) budget.note("tf:" + x.getMessage(), location(e.range()), x.getMessage() + "; the value is unknown");
      return new Value.Unknown(x.getMessage(), Meta.explicit(location(e.range())));
    } catch (Budget.Exceeded x) {
      budget.noteExceeded(x, location(e.range()));
      return new Value.Unknown(x.getMessage(), Meta.explicit(location(e.range())));
    } catch (ArithmeticException x) {
      // a number beyond what BigDecimal holds (an exponent of more than 2^31 digits)
      budget.note("number", location(e.range()), "a number too large to compute; the value is unknown");
      return new Value.Unknown("a number too large to compute", Meta.explicit(location(e.range())));
    } catch (StackOverflowError x) {
      return new Value.Unknown("expression nested too deeply to evaluate", Meta.explicit(location(e.range())));
    }
  }

  /** The value; throws {@link EvalError} where Terraform would report an error. */
  Value strict(Expression e) {
    // expressions in expressions and locals naming locals recurse here: bounded, not the Java stack
    Location at = location(e.range());
    if (!budget.enter(at)) return new Value.Unknown("evaluation nested too deeply", Meta.explicit(at));
    try {
      if (!budget.charge(1, at)) return new Value.Unknown("the evaluation budget is spent", Meta.explicit(at));
      Value v = strictNode(e);
      return budget.weigh(v, at) ? v : new Value.Unknown("the value is too large to evaluate", Meta.explicit(at));
    } finally {
      budget.exit();
    }
  }

  private Value strictNode(Expression e) {
    Meta meta = Meta.explicit(location(e.range()));
    if (e instanceof LiteralValue l) {
      Object v = l.value();
      if (v == null) return new Value.Null(meta);
      if (v instanceof Boolean b) return new Value.Bool(b, meta);
      if (v instanceof BigDecimal d) return new Value.Num(d, meta);
      return new Value.Str(v.toString(), meta);
    }
    if (e instanceof TemplateExpr t) return template(t, meta);
    if (e instanceof Parenthesized p) return strict(p.inner());
    if (e instanceof TupleCons t) {
      List<Value> items = new ArrayList<>();
      for (Expression i : t.items()) items.add(strict(i));
      return new Value.Arr(items, meta);
    }
    if (e instanceof ObjectCons o) return object(o, meta);
    if (e instanceof ObjectKey k) return new Value.Str(k.name(), meta);
    if (e instanceof ScopeTraversal t) return traversal(t, meta);
    if (e instanceof GetAttrExpr g) {
      return step(strict(g.source()), new Traverser.GetAttr(g.name(), g.range()), meta.location());
    }
    if (e instanceof IndexExpr ix) return step(strict(ix.coll()), new Traverser.IndexStep(ix.key(), ix.range()), meta.location());
    if (e instanceof SplatExpr s) return splat(s, meta);
    if (e instanceof ConditionalExpr c) return conditional(c, meta);
    if (e instanceof BinaryOp b) return binary(b, meta);
    if (e instanceof UnaryOp u) return unary(u, meta);
    if (e instanceof ForExpr f) return forExpr(f, meta);
    if (e instanceof FunctionCall f) return call(f, meta);
    return new Value.Unknown(describe(e) + " is not evaluated", meta);
  }

  private Value object(ObjectCons o, Meta meta) {
    Map<String, Value> fields = new LinkedHashMap<>();
    for (ObjectCons.ObjectItem item : o.items()) {
      String key;
      if (item.key() instanceof ObjectKey k) {
        key = k.name();
      } else {
        Value kv = strict(item.key());
        if (kv.isUnknown()) return new Value.Unknown("object key " + item.key().sourceText() + " is not known", meta);
        key = TfValues.string(kv, "object key");
      }
      fields.put(key, strict(item.value()));
    }
    return new Value.Obj(fields, meta);
  }

  private Value template(TemplateExpr t, Meta meta) {
    // a quoted template that only interpolates one value is that value, of its own type
    if (t.parts().size() == 1 && t.parts().get(0) instanceof TemplatePart.TemplateInterpolation i && !t.heredoc()) {
      return strict(i.expr());
    }
    StringBuilder sb = new StringBuilder();
    List<Term> terms = new ArrayList<>();
    String via = null;
    for (TemplatePart p : t.parts()) {
      Value part = part(p, sb, terms);
      if (part != null) {
        if (part.isUnknown()) return new Value.Unknown(((Value.Unknown) part).reason(), meta);
        if (via == null) via = part.meta().via();
      }
    }
    Meta m = new Meta(meta.location(), meta.origin(), via);
    if (terms.isEmpty()) return new Value.Str(sb.toString(), m);
    // "snet-${random_string.s.result}": a string built from a symbol
    terms.add(Term.text(sb.toString()));
    return TfValues.stringOf(Term.concat(terms), m);
  }

  /**
   * Appends one template part; returns the interpolated value (for Unknown and via), or null. An
   * interpolated symbolic string goes to {@code terms}, after the text before it.
   */
  private Value part(TemplatePart p, StringBuilder sb, List<Term> terms) {
    if (p instanceof TemplatePart.TemplateLiteral l) {
      sb.append(l.text());
      Budget.checkString(sb.length());
      return null;
    }
    if (p instanceof TemplatePart.TemplateInterpolation i) {
      Value v = strict(i.expr());
      if (v instanceof Value.Unknown u && u.term() != null) {
        terms.add(Term.text(sb.toString()));
        sb.setLength(0);
        terms.add(u.term());
        return null;
      }
      if (v.isUnknown()) return v;
      if (v instanceof Value.Null) throw new EvalError("template interpolates null (" + describe(i.expr()) + ")");
      if (v instanceof Value.Arr || v instanceof Value.Obj) throw new EvalError("template interpolates a collection (" + describe(i.expr()) + ")");
      sb.append(TfValues.string(v, "interpolation"));
      Budget.checkString(sb.length());
      return v;
    }
    if (p instanceof TemplatePart.TemplateIf ti) {
      Value c = strict(ti.cond());
      if (c.isUnknown()) return c;
      Value last = null;
      for (TemplatePart q : TfValues.bool(c, "template if condition") ? ti.then() : ti.otherwise()) {
        Value v = part(q, sb, terms);
        if (v != null && v.isUnknown()) return v;
        last = v != null ? v : last;
      }
      return last;
    }
    TemplatePart.TemplateFor tf = (TemplatePart.TemplateFor) p;
    Value coll = strict(tf.coll());
    if (coll.isUnknown()) return coll;
    for (Map.Entry<Value, Value> en : entries(coll, "template for")) {
      Map<String, Value> b = new HashMap<>();
      if (tf.keyVar() != null) b.put(tf.keyVar(), en.getKey());
      b.put(tf.valueVar(), en.getValue());
      TfEvaluator inner = with(b);
      for (TemplatePart q : tf.body()) {
        Value v = inner.part(q, sb, terms);
        if (v != null && v.isUnknown()) return v;
      }
    }
    return null;
  }

  private Value traversal(ScopeTraversal t, Meta meta) {
    Location at = meta.location();
    Value root;
    List<Traverser> rest = t.steps();
    if (bindings.containsKey(t.root())) {
      root = bindings.get(t.root()).relocated(at);
    } else if (t.root().equals("self") && self != null && !rest.isEmpty() && rest.get(0) instanceof Traverser.GetAttr g) {
      root = scope.instanceAttribute(self, g.name(), at);
      rest = rest.subList(1, rest.size());
    } else if (scope != null) {
      ModuleScope.Resolved r = scope.resolve(t.root(), rest, at, this);
      root = r.value();
      rest = r.rest();
    } else {
      root = new Value.Unknown(t.root() + " is not available here", meta);
    }
    return walk(root, rest, at);
  }

  /** Attribute and index steps into a value. */
  Value walk(Value v, List<Traverser> steps, Location at) {
    for (Traverser s : steps) v = step(v, s, at);
    return v.meta().location().equals(at) ? v : v.relocated(at);
  }

  private Value step(Value v, Traverser s, Location at) {
    if (v.isUnknown()) return v;
    if (s instanceof Traverser.GetAttr g) {
      if (v instanceof Value.Obj o) {
        Value f = o.fields().get(g.name());
        if (f == null) throw new EvalError("no attribute \"" + g.name() + "\"");
        return f;
      }
      if (v instanceof Value.Null) throw new EvalError("attribute \"" + g.name() + "\" of null");
      throw new EvalError("attribute \"" + g.name() + "\" of a " + TfValues.typeName(v));
    }
    Value key;
    if (s instanceof Traverser.LegacyIndex li) {
      key = new Value.Num(BigDecimal.valueOf(li.index()), Meta.explicit(at));
    } else {
      key = strict(((Traverser.IndexStep) s).key());
    }
    if (key.isUnknown()) return key;
    return index(v, key);
  }

  static Value index(Value v, Value key) {
    if (v instanceof Value.Arr a) {
      int i = TfValues.integer(key, "index");
      if (i < 0 || i >= a.items().size()) throw new EvalError("index " + i + " out of range for a list of " + a.items().size());
      return a.items().get(i);
    }
    if (v instanceof Value.Obj o) {
      String k = TfValues.string(key, "key");
      Value f = o.fields().get(k);
      if (f == null) throw new EvalError("no element \"" + k + "\"");
      return f;
    }
    if (v instanceof Value.Null) throw new EvalError("index into null");
    throw new EvalError("index into a " + TfValues.typeName(v));
  }

  private Value splat(SplatExpr s, Meta meta) {
    Value src = strict(s.source());
    if (src.isUnknown()) return src.relocated(meta.location());
    List<Value> items;
    if (src instanceof Value.Null) {
      items = List.of();
    } else if (src instanceof Value.Arr a) {
      items = a.items();
    } else if (s.legacy() && src instanceof Value.Obj o) {
      items = List.copyOf(o.fields().values());
    } else {
      // a splat on a single value makes a list of it (Terraform's "single value" splat)
      items = List.of(src);
    }
    List<Value> out = new ArrayList<>();
    for (Value item : items) {
      Value v = item;
      for (Traverser t : s.each()) v = step(v, t, meta.location());
      out.add(v);
    }
    return new Value.Arr(out, meta);
  }

  private Value conditional(ConditionalExpr c, Meta meta) {
    Value cond = strict(c.cond());
    // an Unknown condition picks no branch: the result is Unknown, never a guess
    if (cond.isUnknown()) return new Value.Unknown("condition " + describe(c.cond()) + " is not known", meta);
    return strict(TfValues.bool(cond, "condition") ? c.trueExpr() : c.falseExpr());
  }

  private Value unary(UnaryOp u, Meta meta) {
    Value v = strict(u.operand());
    if (v.isUnknown()) return v.relocated(meta.location());
    if (u.op().equals("!")) return new Value.Bool(!TfValues.bool(v, "operand of !"), meta);
    return new Value.Num(TfValues.number(v, "operand of -").negate(), meta);
  }

  private Value binary(BinaryOp b, Meta meta) {
    String op = b.op();
    if (op.equals("&&") || op.equals("||")) {
      Value l = strict(b.left());
      boolean and = op.equals("&&");
      // a known false (&&) or true (||) decides without the other side
      if (!l.isUnknown() && TfValues.bool(l, "operand of " + op) != and) return new Value.Bool(!and, meta);
      Value r = strict(b.right());
      if (!r.isUnknown() && TfValues.bool(r, "operand of " + op) != and) return new Value.Bool(!and, meta);
      if (l.isUnknown() || r.isUnknown()) return new Value.Unknown(describe(b) + " is not known", meta);
      return new Value.Bool(and, meta);
    }
    Value l = strict(b.left());
    Value r = strict(b.right());
    if (op.equals("==") || op.equals("!=")) {
      Boolean eq = TfValues.equal(l, r);
      if (eq == null) return new Value.Unknown(describe(b) + " is not known", meta);
      return new Value.Bool(op.equals("==") == eq, meta);
    }
    if (l.isUnknown()) return l.relocated(meta.location());
    if (r.isUnknown()) return r.relocated(meta.location());
    BigDecimal x = TfValues.number(l, "left operand of " + op);
    BigDecimal y = TfValues.number(r, "right operand of " + op);
    switch (op) {
      case "+": return new Value.Num(x.add(y, PRECISION), meta);
      case "-": return new Value.Num(x.subtract(y, PRECISION), meta);
      case "*": return new Value.Num(x.multiply(y, PRECISION), meta);
      case "/":
        if (y.signum() == 0) throw new EvalError("division by zero");
        return new Value.Num(x.divide(y, MATH), meta);
      case "%":
        if (y.signum() == 0) throw new EvalError("modulo by zero");
        return new Value.Num(x.remainder(y, MATH), meta);
      case "<": return new Value.Bool(x.compareTo(y) < 0, meta);
      case ">": return new Value.Bool(x.compareTo(y) > 0, meta);
      case "<=": return new Value.Bool(x.compareTo(y) <= 0, meta);
      case ">=": return new Value.Bool(x.compareTo(y) >= 0, meta);
      default: throw new EvalError("operator " + op);
    }
  }

  /** Key/value pairs of a collection in Terraform's iteration order (list index, or map key). */
  static List<Map.Entry<Value, Value>> entries(Value coll, String what) {
    List<Map.Entry<Value, Value>> out = new ArrayList<>();
    if (coll instanceof Value.Arr a) {
      for (int i = 0; i < a.items().size(); i++) {
        out.add(Map.entry(new Value.Num(BigDecimal.valueOf(i), a.meta()), a.items().get(i)));
      }
    } else if (coll instanceof Value.Obj o) {
      // Terraform iterates maps and objects in lexical key order
      o.fields().keySet().stream().sorted().forEach(k -> out.add(Map.entry(new Value.Str(k, o.meta()), o.fields().get(k))));
    } else {
      throw new EvalError(what + " needs a collection, not " + TfValues.typeName(coll));
    }
    return out;
  }

  private Value forExpr(ForExpr f, Meta meta) {
    Value coll = strict(f.coll());
    if (coll.isUnknown()) return new Value.Unknown("collection " + describe(f.coll()) + " is not known", meta);
    List<Value> items = new ArrayList<>();
    Map<String, Value> fields = new LinkedHashMap<>();
    Map<String, List<Value>> groups = new LinkedHashMap<>();
    for (Map.Entry<Value, Value> en : entries(coll, "for expression")) {
      Map<String, Value> b = new HashMap<>();
      if (f.keyVar() != null) b.put(f.keyVar(), en.getKey());
      b.put(f.valueVar(), en.getValue());
      TfEvaluator inner = with(b);
      if (f.cond() != null) {
        Value c = inner.strict(f.cond());
        if (c.isUnknown()) return new Value.Unknown("filter " + describe(f.cond()) + " is not known", meta);
        if (!TfValues.bool(c, "for expression filter")) continue;
      }
      if (!f.isObject()) {
        items.add(inner.strict(f.valueExpr()));
        continue;
      }
      Value k = inner.strict(f.keyExpr());
      if (k.isUnknown()) return new Value.Unknown("key " + describe(f.keyExpr()) + " is not known", meta);
      String key = TfValues.string(k, "for expression key");
      Value v = inner.strict(f.valueExpr());
      if (f.grouping()) {
        groups.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
      } else if (fields.putIfAbsent(key, v) != null) {
        throw new EvalError("duplicate key \"" + key + "\" in for expression (use ... to group)");
      }
    }
    if (!f.isObject()) return new Value.Arr(items, meta);
    if (f.grouping()) groups.forEach((k, vs) -> fields.put(k, new Value.Arr(vs, meta)));
    return new Value.Obj(fields, meta);
  }

  private Value call(FunctionCall f, Meta meta) {
    String name = f.name().startsWith("core::") ? f.name().substring(6) : f.name();
    if (name.equals("try")) {
      EvalError last = null;
      for (Expression a : f.args()) {
        try {
          return strict(a);
        } catch (EvalError x) {
          last = x;
        }
      }
      throw new EvalError("no argument of try() succeeded" + (last != null ? ": " + last.getMessage() : ""));
    }
    if (name.equals("can")) {
      if (f.args().size() != 1) throw new EvalError("can() takes one argument");
      try {
        Value v = strict(f.args().get(0));
        if (v.isUnknown()) return new Value.Unknown("can(" + describe(f.args().get(0)) + ") is not known", meta);
        return new Value.Bool(true, meta);
      } catch (EvalError x) {
        return new Value.Bool(false, meta);
      }
    }
    List<Value> args = new ArrayList<>();
    for (Expression a : f.args()) args.add(strict(a));
    if (f.expandFinal() && !args.isEmpty()) {
      Value last = args.remove(args.size() - 1);
      if (last.isUnknown()) return new Value.Unknown("expanded argument " + describe(f.args().get(f.args().size() - 1)) + " is not known", meta);
      args.addAll(TfValues.list(last, "expanded argument"));
    }
    return Functions.call(name, args, meta, this);
  }

  static String describe(Expression e) {
    String text = e.sourceText().replaceAll("\\s+", " ");
    if (text.length() > 60) text = text.substring(0, 57) + "...";
    return text;
  }
}
