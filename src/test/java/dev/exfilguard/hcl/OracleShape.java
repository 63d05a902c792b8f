package dev.exfilguard.hcl;

import dev.exfilguard.hcl.ObjectCons.ObjectItem;
import dev.exfilguard.hcl.TemplatePart.TemplateFor;
import dev.exfilguard.hcl.TemplatePart.TemplateIf;
import dev.exfilguard.hcl.TemplatePart.TemplateInterpolation;
import dev.exfilguard.hcl.TemplatePart.TemplateLiteral;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders our AST in the shape the oracle ({@code @cdktf/hcl2json}) prints, so the two can be
 * compared: blocks nest by type and labels and end in a list of bodies; literals, tuples and
 * objects stay JSON values; a unary minus or not over a literal is folded, as the oracle does;
 * templates are rebuilt from their parts; any other expression is {@code "${source}"}.
 * Values are plain Java: Map, List, String, BigDecimal, Boolean, null.
 */
final class OracleShape {

  private OracleShape() {}

  static Map<String, Object> body(Body body) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Attribute a : body.attributes()) {
      out.put(a.name(), expr(a.expr()));
    }
    for (Block b : body.blocks()) {
      Map<String, Object> level = out;
      String key = b.type();
      for (String label : b.labels()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        level = next;
        key = label;
      }
      @SuppressWarnings("unchecked")
      List<Object> bodies = (List<Object>) level.computeIfAbsent(key, k -> new ArrayList<Object>());
      bodies.add(body(b.body()));
    }
    return out;
  }

  static Object expr(Expression e) {
    if (e instanceof LiteralValue lv) {
      return lv.value();
    }
    if (e instanceof UnaryOp u && u.operand() instanceof LiteralValue lv) {
      if (u.op().equals("-") && lv.value() instanceof BigDecimal n) {
        return n.negate();
      }
      if (u.op().equals("!") && lv.value() instanceof Boolean b) {
        return !b;
      }
    }
    if (e instanceof TemplateExpr t) {
      // "${x}" alone is a wrapper in HashiCorp's AST, converted as the wrapped expression.
      if (t.parts().size() == 1 && t.parts().get(0) instanceof TemplateInterpolation in) {
        return expr(in.expr());
      }
      return template(t.parts());
    }
    if (e instanceof TupleCons t) {
      List<Object> out = new ArrayList<>();
      for (Expression item : t.items()) {
        out.add(expr(item));
      }
      return out;
    }
    if (e instanceof ObjectCons o) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (ObjectItem item : o.items()) {
        out.put(key(item.key()), expr(item.value()));
      }
      return out;
    }
    return wrap(e);
  }

  private static String wrap(Expression e) {
    return "${" + e.sourceText() + "}";
  }

  private static String key(Expression k) {
    if (k instanceof ObjectKey ok) {
      return ok.name();
    }
    if (k instanceof LiteralValue lv) {
      return lv.value() instanceof BigDecimal n ? n.toPlainString() : String.valueOf(lv.value());
    }
    if (k instanceof TemplateExpr t) {
      return t.isLiteral() ? t.literalText() : template(t.parts());
    }
    return wrap(k);
  }

  private static String template(List<TemplatePart> parts) {
    StringBuilder sb = new StringBuilder();
    for (TemplatePart p : parts) {
      if (p instanceof TemplateLiteral lit) {
        // The oracle prints strings in Terraform-JSON form, where text is itself a template.
        sb.append(lit.text().replace("${", "$${").replace("%{", "%%{"));
      } else if (p instanceof TemplateInterpolation in) {
        sb.append(interpolation(in.expr()));
      } else if (p instanceof TemplateIf ti) {
        sb.append("%{if ").append(ti.cond().sourceText()).append('}').append(template(ti.then()));
        if (!ti.otherwise().isEmpty()) {
          sb.append("%{else}").append(template(ti.otherwise()));
        }
        sb.append("%{endif}");
      } else if (p instanceof TemplateFor tf) {
        sb.append("%{for ");
        if (tf.keyVar() != null) {
          sb.append(tf.keyVar()).append(", ");
        }
        sb.append(tf.valueVar()).append(" in ").append(tf.coll().sourceText()).append('}')
            .append(template(tf.body())).append("%{endfor}");
      }
    }
    return sb.toString();
  }

  /**
   * A constant inside {@code ${}} is inlined by the oracle, as HCL evaluates it; a
   * conditional becomes an {@code %{if}} directive.
   */
  private static String interpolation(Expression e) {
    if (e instanceof TemplateExpr t) {
      return template(t.parts());
    }
    if (e instanceof ConditionalExpr c) {
      return "%{if " + c.cond().sourceText() + "}" + interpolation(c.trueExpr()) + "%{else}"
          + interpolation(c.falseExpr()) + "%{endif}";
    }
    if (e instanceof LiteralValue lv && lv.value() != null) {
      return lv.value() instanceof BigDecimal n ? n.toPlainString() : lv.value().toString();
    }
    return wrap(e);
  }
}
