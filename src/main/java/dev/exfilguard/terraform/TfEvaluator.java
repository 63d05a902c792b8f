package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Expression;
import dev.exfilguard.hcl.LiteralValue;
import dev.exfilguard.hcl.ObjectCons;
import dev.exfilguard.hcl.ObjectKey;
import dev.exfilguard.hcl.Parenthesized;
import dev.exfilguard.hcl.Range;
import dev.exfilguard.hcl.ScopeTraversal;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.hcl.TemplatePart;
import dev.exfilguard.hcl.Traverser;
import dev.exfilguard.hcl.TupleCons;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates Terraform expressions to model values: literals, strings and templates, tuples,
 * objects, {@code var.*} and references to this module's resources. Everything else (function
 * calls, locals, modules, data sources, conditionals) is Unknown until the full Terraform
 * evaluator exists; Unknown is never a guess.
 */
final class TfEvaluator {
  private final ModuleScope scope;

  TfEvaluator(ModuleScope scope) {
    this.scope = scope;
  }

  static Location location(Range r) {
    return new Location(r.file(), r.start().line(), r.start().column());
  }

  Value eval(Expression e) {
    Meta meta = Meta.explicit(location(e.range()));
    if (e instanceof LiteralValue l) {
      Object v = l.value();
      if (v == null) return new Value.Null(meta);
      if (v instanceof Boolean b) return new Value.Bool(b, meta);
      if (v instanceof BigDecimal d) return new Value.Num(d, meta);
      return new Value.Str(v.toString(), meta);
    }
    if (e instanceof TemplateExpr t) return template(t, meta);
    if (e instanceof Parenthesized p) return eval(p.inner()).relocated(meta.location());
    if (e instanceof TupleCons t) {
      List<Value> items = new ArrayList<>();
      for (Expression i : t.items()) items.add(eval(i));
      return new Value.Arr(items, meta);
    }
    if (e instanceof ObjectCons o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (ObjectCons.ObjectItem item : o.items()) {
        String key;
        if (item.key() instanceof ObjectKey k) {
          key = k.name();
        } else if (eval(item.key()) instanceof Value.Str s) {
          key = s.value();
        } else {
          return new Value.Unknown("object key " + item.key().sourceText() + " is not known", meta);
        }
        fields.put(key, eval(item.value()));
      }
      return new Value.Obj(fields, meta);
    }
    if (e instanceof ScopeTraversal t) return traversal(t, meta);
    return new Value.Unknown(describe(e) + " is not evaluated yet", meta);
  }

  private Value template(TemplateExpr t, Meta meta) {
    StringBuilder sb = new StringBuilder();
    for (TemplatePart p : t.parts()) {
      if (p instanceof TemplatePart.TemplateLiteral l) {
        sb.append(l.text());
      } else if (p instanceof TemplatePart.TemplateInterpolation i) {
        Value v = eval(i.expr());
        if (v instanceof Value.Str s) sb.append(s.value());
        else if (v instanceof Value.Num n) sb.append(n.value().toPlainString());
        else if (v instanceof Value.Bool b) sb.append(b.value());
        else return new Value.Unknown(v instanceof Value.Unknown u ? u.reason() : "template interpolates a collection", meta);
      } else {
        return new Value.Unknown("template directives are not evaluated yet", meta);
      }
    }
    return new Value.Str(sb.toString(), meta);
  }

  private Value traversal(ScopeTraversal t, Meta meta) {
    List<Traverser> steps = t.steps();
    Location at = meta.location();
    if (t.root().equals("var") && !steps.isEmpty() && steps.get(0) instanceof Traverser.GetAttr g) {
      return walk(scope.variable(g.name(), at), steps.subList(1, steps.size()), at);
    }
    if (steps.size() >= 2 && steps.get(0) instanceof Traverser.GetAttr n && steps.get(1) instanceof Traverser.GetAttr attr
        && t.root().contains("_") && scope.resource(t.root(), n.name()).isPresent()) {
      return walk(scope.resourceAttribute(t.root(), n.name(), attr.name(), at), steps.subList(2, steps.size()), at);
    }
    return new Value.Unknown(t.sourceText() + " is not known before apply", meta);
  }

  /** Attribute and index steps into a known value. */
  private Value walk(Value v, List<Traverser> steps, Location at) {
    for (Traverser s : steps) {
      if (v.isUnknown()) return v.relocated(at);
      if (s instanceof Traverser.GetAttr g && v instanceof Value.Obj o) {
        v = o.get(g.name()).orElse(null);
      } else if (s instanceof Traverser.IndexStep ix) {
        Value key = eval(ix.key());
        if (key.isUnknown()) return key.relocated(at);
        if (v instanceof Value.Arr a && key instanceof Value.Num n) {
          int i = n.value().intValue();
          v = i >= 0 && i < a.items().size() ? a.items().get(i) : null;
        } else if (v instanceof Value.Obj o && key instanceof Value.Str k) {
          v = o.get(k.value()).orElse(null);
        } else {
          v = null;
        }
      } else if (s instanceof Traverser.LegacyIndex li && v instanceof Value.Arr a) {
        v = li.index() < a.items().size() ? a.items().get(li.index()) : null;
      } else {
        v = null;
      }
      if (v == null) return new Value.Unknown("no such attribute or element", Meta.explicit(at));
    }
    return v.relocated(at);
  }

  private static String describe(Expression e) {
    String text = e.sourceText();
    if (text.length() > 60) text = text.substring(0, 57) + "...";
    return text;
  }
}
