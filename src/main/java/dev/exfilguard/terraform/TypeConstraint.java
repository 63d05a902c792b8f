package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Expression;
import dev.exfilguard.hcl.FunctionCall;
import dev.exfilguard.hcl.ObjectCons;
import dev.exfilguard.hcl.ObjectKey;
import dev.exfilguard.hcl.ScopeTraversal;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.hcl.TupleCons;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable's {@code type}: converts a value as Terraform does on assignment (a number or bool
 * where a string is declared, {@code "true"} where a bool is), fills the defaults of
 * {@code optional(type, default)} attributes, and drops attributes an object type does not
 * declare. A value that does not convert is left as it is: the mismatch is Terraform's error,
 * not a risk we can judge.
 */
final class TypeConstraint {
  private TypeConstraint() {}

  /** Whether a string given on the command line is taken as it is ({@code string}, {@code number}, {@code bool}). */
  static boolean isPrimitive(Expression type) {
    if (type == null) return true;
    return type instanceof ScopeTraversal t && t.steps().isEmpty() && !t.root().equals("any");
  }

  static Value convert(Value v, Expression type) {
    if (type == null || v.isUnknown() || v instanceof Value.Null) return v;
    try {
      return conv(v, type);
    } catch (EvalError e) {
      return v;
    }
  }

  private static Value conv(Value v, Expression type) {
    if (v.isUnknown() || v instanceof Value.Null) return v;
    if (type instanceof ScopeTraversal t && t.steps().isEmpty()) {
      switch (t.root()) {
        case "string":
          return v instanceof Value.Str || v instanceof Value.Arr || v instanceof Value.Obj ? v : new Value.Str(TfValues.string(v, "value"), v.meta());
        case "number":
          return v instanceof Value.Str ? new Value.Num(TfValues.number(v, "value"), v.meta()) : v;
        case "bool":
          return v instanceof Value.Str ? new Value.Bool(TfValues.bool(v, "value"), v.meta()) : v;
        default:
          return v;
      }
    }
    if (type instanceof FunctionCall f) {
      List<Expression> a = f.args();
      switch (f.name()) {
        case "list":
        case "set": {
          if (a.size() != 1 || !(v instanceof Value.Arr arr)) return v;
          List<Value> items = new ArrayList<>();
          for (Value i : arr.items()) items.add(conv(i, a.get(0)));
          return f.name().equals("set") && items.stream().allMatch(TfValues::isWhollyKnown)
              ? TfValues.set(items, v.meta()) : new Value.Arr(items, v.meta());
        }
        case "map": {
          if (a.size() != 1 || !(v instanceof Value.Obj o)) return v;
          Map<String, Value> out = new LinkedHashMap<>();
          o.fields().forEach((k, x) -> out.put(k, conv(x, a.get(0))));
          return new Value.Obj(out, v.meta());
        }
        case "tuple": {
          if (a.size() != 1 || !(a.get(0) instanceof TupleCons types) || !(v instanceof Value.Arr arr)
              || arr.items().size() != types.items().size()) return v;
          List<Value> items = new ArrayList<>();
          for (int i = 0; i < arr.items().size(); i++) items.add(conv(arr.items().get(i), types.items().get(i)));
          return new Value.Arr(items, v.meta());
        }
        case "object": {
          if (a.size() != 1 || !(a.get(0) instanceof ObjectCons attrs) || !(v instanceof Value.Obj o)) return v;
          Map<String, Value> out = new LinkedHashMap<>();
          for (ObjectCons.ObjectItem item : attrs.items()) {
            String name = keyName(item.key());
            if (name == null) return v;
            Value given = o.fields().get(name);
            Expression attrType = item.value();
            if (attrType instanceof FunctionCall opt && opt.name().equals("optional") && !opt.args().isEmpty()) {
              attrType = opt.args().get(0);
              if (given == null || given instanceof Value.Null) {
                // optional(type, default): Terraform fills the default where the attribute is absent or null
                Value def = opt.args().size() > 1 ? new TfEvaluator(null).eval(opt.args().get(1)) : new Value.Null(o.meta());
                given = def.withMeta(def.meta().withVia(def.meta().via() != null ? def.meta().via()
                    : "optional attribute '" + name + "' default at " + TfEvaluator.location(opt.range()).shortForm()));
              }
            }
            if (given == null) continue;
            out.put(name, conv(given, attrType));
          }
          return new Value.Obj(out, v.meta());
        }
        default:
          return v;
      }
    }
    return v;
  }

  private static String keyName(Expression k) {
    if (k instanceof ObjectKey ok) return ok.name();
    if (k instanceof TemplateExpr t && t.isLiteral()) return t.literalText();
    return null;
  }

  /** A number written on the command line. */
  static boolean looksNumeric(String s) {
    try {
      new BigDecimal(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
