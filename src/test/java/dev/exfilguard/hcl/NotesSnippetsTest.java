package dev.exfilguard.hcl;

import static dev.exfilguard.hcl.Hcl.assertNum;
import static dev.exfilguard.hcl.Hcl.assertRange;
import static dev.exfilguard.hcl.Hcl.expr;
import static dev.exfilguard.hcl.Hcl.lit;
import static dev.exfilguard.hcl.Hcl.local;
import static dev.exfilguard.hcl.Hcl.parse;
import static dev.exfilguard.hcl.Hcl.str;
import static dev.exfilguard.hcl.Hcl.trav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.hcl.ObjectCons.ObjectItem;
import dev.exfilguard.hcl.TemplatePart.TemplateIf;
import dev.exfilguard.hcl.TemplatePart.TemplateInterpolation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The constructs of hcl-parser-notes.md that broke hcl4j: each snippet F01-F14 of section 2
 * and each probe row of the table in section 1.3.
 */
class NotesSnippetsTest {

  @Nested
  class Failures {

    @Test
    void f01_forObjectWhoseValueCallsWithBracesAndParens() {
      ForExpr f = assertInstanceOf(ForExpr.class,
          local("m = { for k, v in var.x : k => merge(try(v.a, {})) }", "m"));
      assertEquals("k", f.keyVar());
      assertEquals("v", f.valueVar());
      assertEquals("var.x", trav(f.coll()));
      assertEquals("k", trav(f.keyExpr()));
      FunctionCall merge = assertInstanceOf(FunctionCall.class, f.valueExpr());
      assertEquals("merge", merge.name());
      FunctionCall tr = assertInstanceOf(FunctionCall.class, merge.args().get(0));
      assertEquals("try", tr.name());
      assertEquals("v.a", trav(tr.args().get(0)));
      assertTrue(assertInstanceOf(ObjectCons.class, tr.args().get(1)).items().isEmpty());
      assertNull(f.cond());
      assertFalse(f.grouping());
      assertRange(f.range(), 2, 5, 2, 53);
    }

    @Test
    void f02_tupleForNestedInObjectForWithCallAsCollection() {
      ForExpr outer = assertInstanceOf(ForExpr.class,
          local("m = {\n for k, v in var.m : k => [\n for a in try(v.s, {}) : a\n ]\n }", "m"));
      assertTrue(outer.isObject());
      ForExpr inner = assertInstanceOf(ForExpr.class, outer.valueExpr());
      assertFalse(inner.isObject());
      assertNull(inner.keyVar());
      assertEquals("a", inner.valueVar());
      assertEquals("try", assertInstanceOf(FunctionCall.class, inner.coll()).name());
      assertEquals("a", trav(inner.valueExpr()));
      assertRange(outer.range(), 2, 5, 6, 3);
    }

    @Test
    void f03_ifClauseAfterMultiLineObjectBody() {
      ForExpr f = assertInstanceOf(ForExpr.class, local(
          "m = {\n for k, v in var.x : k => {\n n = v.name\n }\n if try(v.enabled, false) == true\n }", "m"));
      ObjectCons body = assertInstanceOf(ObjectCons.class, f.valueExpr());
      assertEquals("n", assertInstanceOf(ObjectKey.class, body.items().get(0).key()).name());
      assertEquals("v.name", trav(body.items().get(0).value()));
      BinaryOp cond = assertInstanceOf(BinaryOp.class, f.cond());
      assertEquals("==", cond.op());
      assertEquals("try(v.enabled, false)", cond.left().sourceText());
      assertEquals(Boolean.TRUE, assertInstanceOf(LiteralValue.class, cond.right()).value());
    }

    @Test
    void f04_parenthesizedObjectKey() {
      ObjectCons o = assertInstanceOf(ObjectCons.class, local("m = { (var.key) = \"v\" }", "m"));
      Parenthesized key = assertInstanceOf(Parenthesized.class, o.items().get(0).key());
      assertEquals("var.key", trav(key.inner()));
      assertEquals("(var.key)", key.sourceText());
      assertEquals("v", str(o.items().get(0).value()));
    }

    @Test
    void f05_legacySplat() {
      SplatExpr s = assertInstanceOf(SplatExpr.class, local("ids = azurerm_subnet.s.*.id", "ids"));
      assertTrue(s.legacy());
      assertEquals("azurerm_subnet.s", trav(s.source()));
      assertEquals(".id", Hcl.steps(s.each()));
      assertEquals("azurerm_subnet.s.*.id", s.sourceText());
    }

    @Test
    void f06_binaryMinusWithSpaces() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, local("n = var.count - 1", "n"));
      assertEquals("-", b.op());
      assertEquals("var.count", trav(b.left()));
      assertNum("1", b.right());
    }

    @Test
    void f07_templateAsForObjectKey() {
      ForExpr f = assertInstanceOf(ForExpr.class, local("m = { for a in var.l : \"${a.x}-${a.y}\" => a }", "m"));
      TemplateExpr key = assertInstanceOf(TemplateExpr.class, f.keyExpr());
      assertEquals(3, key.parts().size());
      assertEquals("a.x", trav(assertInstanceOf(TemplateInterpolation.class, key.parts().get(0)).expr()));
      assertEquals("-", lit(key.parts().get(1)));
      assertEquals("a.y", trav(assertInstanceOf(TemplateInterpolation.class, key.parts().get(2)).expr()));
    }

    @Test
    void f08_deprecatedListCallIsAFunctionCall() {
      FunctionCall join = assertInstanceOf(FunctionCall.class, local("p = join(\"_\", list(var.a, \"\"))", "p"));
      FunctionCall list = assertInstanceOf(FunctionCall.class, join.args().get(1));
      assertEquals("list", list.name());
      assertEquals(2, list.args().size());
      assertEquals("", str(list.args().get(1)));
    }

    @Test
    void f09_unicodeEscape() {
      assertEquals("caf\u00e9", str(local("u = \"caf\\u00e9\"", "u")));
    }

    @Test
    void f10_attributeAccessOnAnotherLocal() {
      Body b = parse("locals {\n  a = var.settings\n  b = local.a.name\n}\n");
      Body l = b.blocks("locals").get(0).body();
      assertEquals("var.settings", trav(l.attribute("a").orElseThrow().expr()));
      assertEquals("local.a.name", trav(l.attribute("b").orElseThrow().expr()));
    }

    @Test
    void f11_joinOverVariableWithoutDefault() {
      Body b = parse("variable \"prefix\" {}\nlocals {\n  n = join(\"-\", [var.prefix, \"c\"])\n}\n");
      Block v = b.blocks("variable").get(0);
      assertEquals(List.of("prefix"), v.labels());
      assertTrue(v.body().attributes().isEmpty());
      FunctionCall join = assertInstanceOf(FunctionCall.class,
          b.blocks("locals").get(0).body().attribute("n").orElseThrow().expr());
      TupleCons t = assertInstanceOf(TupleCons.class, join.args().get(1));
      assertEquals("var.prefix", trav(t.items().get(0)));
      assertEquals("c", str(t.items().get(1)));
    }

    @Test
    void f12_forOverConditionalWithObjectBody() {
      ForExpr f = assertInstanceOf(ForExpr.class,
          local("s = [for v in can(var.x) ? var.a : var.b : {\n data : v\n }\n ]", "s"));
      ConditionalExpr c = assertInstanceOf(ConditionalExpr.class, f.coll());
      assertEquals("can(var.x)", c.cond().sourceText());
      assertEquals("var.a", trav(c.trueExpr()));
      assertEquals("var.b", trav(c.falseExpr()));
      ObjectCons body = assertInstanceOf(ObjectCons.class, f.valueExpr());
      assertEquals("data", assertInstanceOf(ObjectKey.class, body.items().get(0).key()).name());
    }

    @Test
    void f13_multiLineNestedTypeConstraint() {
      Body b = parse("variable \"x\" {\n  type = object({ s = optional(list(\n    object({ a = string })\n  ), []) })\n}\n");
      FunctionCall obj = assertInstanceOf(FunctionCall.class,
          b.blocks("variable").get(0).body().attribute("type").orElseThrow().expr());
      assertEquals("object", obj.name());
      ObjectCons fields = assertInstanceOf(ObjectCons.class, obj.args().get(0));
      FunctionCall optional = assertInstanceOf(FunctionCall.class, fields.items().get(0).value());
      assertEquals("optional", optional.name());
      FunctionCall list = assertInstanceOf(FunctionCall.class, optional.args().get(0));
      FunctionCall inner = assertInstanceOf(FunctionCall.class, list.args().get(0));
      assertEquals("object({ a = string })", inner.sourceText());
      assertTrue(assertInstanceOf(TupleCons.class, optional.args().get(1)).items().isEmpty());
      assertRange(obj.range(), 2, 10, 4, 12);
    }

    @Test
    void f14_numericObjectKey() {
      Body b = parse("x = { 22 = { a = 1 } }\n");
      ObjectCons o = assertInstanceOf(ObjectCons.class, b.attribute("x").orElseThrow().expr());
      assertNum("22", o.items().get(0).key());
      ObjectCons inner = assertInstanceOf(ObjectCons.class, o.items().get(0).value());
      assertNum("1", inner.items().get(0).value());
    }

    @Test
    void mutuallyReferencingLocalsOnlyParse() {
      Body b = parse("locals {\n  a = { for k, v in local.b : k => v }\n  b = { for k, v in local.a : k => v }\n}\n");
      assertEquals(2, b.blocks("locals").get(0).body().attributes().size());
    }
  }

  @Nested
  class Probes {

    @Test
    void references() {
      assertEquals("azurerm_subnet.x.id", trav(expr("azurerm_subnet.x.id")));
      assertEquals("x[0].id", trav(expr("x[0].id")));
      assertEquals("x[\"k\"]", trav(expr("x[\"k\"]")));
      assertEquals("each.value.n", trav(expr("each.value.n")));
      assertEquals("azurerm.secondary", trav(expr("azurerm.secondary")));
      ScopeTraversal t = assertInstanceOf(ScopeTraversal.class, expr("x[\"k\"]"));
      assertEquals("k", str(assertInstanceOf(Traverser.IndexStep.class, t.steps().get(0)).key()));
    }

    @Test
    void quotedSingleInterpolationStaysATemplate() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"${azurerm_subnet.x.id}\""));
      assertEquals(1, t.parts().size());
      assertEquals("azurerm_subnet.x.id", trav(assertInstanceOf(TemplateInterpolation.class, t.parts().get(0)).expr()));
      assertFalse(t.isLiteral());
    }

    @Test
    void callsWithUnresolvedArguments() {
      FunctionCall lower = assertInstanceOf(FunctionCall.class, expr("lower(var.name)"));
      assertEquals("var.name", trav(lower.args().get(0)));
      FunctionCall merge = assertInstanceOf(FunctionCall.class, expr("merge(local.tags,{ a = 1 })"));
      assertInstanceOf(ObjectCons.class, merge.args().get(1));
      FunctionCall tr = assertInstanceOf(FunctionCall.class, expr("try(var.s.x, true)"));
      assertEquals(Boolean.TRUE, assertInstanceOf(LiteralValue.class, tr.args().get(1)).value());
      FunctionCall cidr = assertInstanceOf(FunctionCall.class, expr("cidrsubnet(var.cidr, 8, 1)"));
      assertEquals(3, cidr.args().size());
    }

    @Test
    void callsOnConstantsAreNotEvaluated() {
      FunctionCall lower = assertInstanceOf(FunctionCall.class, expr("lower(\"ABC\")"));
      assertEquals("ABC", str(lower.args().get(0)));
      FunctionCall format = assertInstanceOf(FunctionCall.class, expr("format(\"%s-%s\",\"a\",\"b\")"));
      assertEquals("%s-%s", str(format.args().get(0)));
      FunctionCall length = assertInstanceOf(FunctionCall.class, expr("length([1,2])"));
      assertEquals(2, assertInstanceOf(TupleCons.class, length.args().get(0)).items().size());
    }

    @Test
    void jsonencodeKeepsTheReference() {
      FunctionCall j = assertInstanceOf(FunctionCall.class, expr("jsonencode({ a = { b = var.x } })"));
      ObjectCons o = assertInstanceOf(ObjectCons.class, j.args().get(0));
      ObjectCons inner = assertInstanceOf(ObjectCons.class, o.items().get(0).value());
      assertEquals("var.x", trav(inner.items().get(0).value()));
    }

    @Test
    void conditionalsAreNotDecided() {
      ConditionalExpr c = assertInstanceOf(ConditionalExpr.class, expr("var.c ? 1 : 0"));
      assertEquals("var.c", trav(c.cond()));
      assertNum("1", c.trueExpr());
      assertNum("0", c.falseExpr());
      ConditionalExpr c2 = assertInstanceOf(ConditionalExpr.class, expr("var.x == \"a\" ? false : true"));
      assertEquals("==", assertInstanceOf(BinaryOp.class, c2.cond()).op());
      BinaryOp isNull = assertInstanceOf(BinaryOp.class, expr("var.b == null"));
      assertNull(assertInstanceOf(LiteralValue.class, isNull.right()).value());
      assertEquals("&&", assertInstanceOf(BinaryOp.class, expr("var.x && var.y")).op());
    }

    @Test
    void arithmeticAndLiterals() {
      BinaryOp sum = assertInstanceOf(BinaryOp.class, expr("1 + 2 * 3"));
      assertEquals("+", sum.op());
      assertEquals("*", assertInstanceOf(BinaryOp.class, sum.right()).op());
      assertNum("1000", expr("1e3"));
      UnaryOp neg = assertInstanceOf(UnaryOp.class, expr("-5"));
      assertEquals("-", neg.op());
      assertNum("5", neg.operand());
      UnaryOp not = assertInstanceOf(UnaryOp.class, expr("!true"));
      assertEquals(Boolean.TRUE, assertInstanceOf(LiteralValue.class, not.operand()).value());
    }

    @Test
    void minusIsAnOperator() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, expr("var.n - 1"));
      assertEquals("var.n", trav(b.left()));
      BinaryOp outer = assertInstanceOf(BinaryOp.class, expr("10 - 3 - 2"));
      assertNum("2", outer.right());
      BinaryOp left = assertInstanceOf(BinaryOp.class, outer.left());
      assertNum("10", left.left());
      assertNum("3", left.right());
    }

    @Test
    void tupleFor() {
      ForExpr f = assertInstanceOf(ForExpr.class, expr("[for s in azurerm_subnet.all : s.id]"));
      assertEquals("s", f.valueVar());
      assertEquals("azurerm_subnet.all", trav(f.coll()));
      assertEquals("s.id", trav(f.valueExpr()));
      assertNull(f.keyExpr());
    }

    @Test
    void objectForKeepsItsBody() {
      ForExpr f = assertInstanceOf(ForExpr.class, expr("{for k, v in var.m : k => v.name}"));
      assertEquals("k", trav(f.keyExpr()));
      assertEquals("v.name", trav(f.valueExpr()));
    }

    @Test
    void fullSplat() {
      SplatExpr s = assertInstanceOf(SplatExpr.class, expr("x[*].id"));
      assertFalse(s.legacy());
      assertEquals("x", trav(s.source()));
      assertEquals(".id", Hcl.steps(s.each()));
    }

    @Test
    void legacySplat() {
      SplatExpr s = assertInstanceOf(SplatExpr.class, expr("x.*.id"));
      assertTrue(s.legacy());
      assertEquals("x", trav(s.source()));
      assertEquals(".id", Hcl.steps(s.each()));
    }

    @Test
    void heredocWithInterpolation() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("<<EOT\nhello ${var.x} there\nEOT\n"));
      assertTrue(t.heredoc());
      assertEquals("hello ", lit(t.parts().get(0)));
      assertEquals("var.x", trav(assertInstanceOf(TemplateInterpolation.class, t.parts().get(1)).expr()));
      assertEquals(" there\n", lit(t.parts().get(2)));
    }

    @Test
    void flushHeredocStripsIndentation() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("<<-EOT\n    a\n      b\n\n    c\n    EOT\n"));
      assertEquals("a\n  b\n\nc\n", str(t));
    }

    @Test
    void interpolatedStrings() {
      TemplateExpr rg = assertInstanceOf(TemplateExpr.class, expr("\"${var.prefix}-rg\""));
      assertEquals("var.prefix", trav(assertInstanceOf(TemplateInterpolation.class, rg.parts().get(0)).expr()));
      assertEquals("-rg", lit(rg.parts().get(1)));
      TemplateExpr env = assertInstanceOf(TemplateExpr.class, expr("\"rg-${var.env}-${lower(var.r)}\""));
      assertEquals(4, env.parts().size());
      assertEquals("lower",
          assertInstanceOf(FunctionCall.class, assertInstanceOf(TemplateInterpolation.class, env.parts().get(3)).expr()).name());
      TemplateExpr n = assertInstanceOf(TemplateExpr.class, expr("\"n-${count.index}\""));
      assertEquals("count.index", trav(assertInstanceOf(TemplateInterpolation.class, n.parts().get(1)).expr()));
    }

    @Test
    void ifDirective() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"%{ if var.x }a%{ endif }\""));
      TemplateIf i = assertInstanceOf(TemplateIf.class, t.parts().get(0));
      assertEquals("var.x", trav(i.cond()));
      assertEquals("a", lit(i.then().get(0)));
      assertTrue(i.otherwise().isEmpty());
    }

    @Test
    void escapes() {
      assertEquals("a\nb\tc\"d\\e", str(expr("\"a\\nb\\tc\\\"d\\\\e\"")));
      assertEquals("${literal} %{x}", str(expr("\"$${literal} %%{x}\"")));
    }

    @Test
    void unicodeEscapes() {
      assertEquals("\u00e9", str(expr("\"\\u00e9\"")));
      assertEquals(new String(Character.toChars(0x1F600)), str(expr("\"\\U0001F600\"")));
    }

    @Test
    void unusualObjectKeys() {
      ObjectCons o = assertInstanceOf(ObjectCons.class, expr("{ (var.key) = v, 22 = { a = 1 } }"));
      List<ObjectItem> items = o.items();
      assertInstanceOf(Parenthesized.class, items.get(0).key());
      assertEquals("v", trav(items.get(0).value()));
      assertNum("22", items.get(1).key());
    }

    @Test
    void validationConditionIsACall() {
      Body b = parse("variable \"sku\" {\n  default = \"a\"\n  validation {\n"
          + "    condition = contains([\"a\", \"b\"], var.sku)\n  }\n}\n");
      Block v = b.blocks("variable").get(0);
      Block val = v.body().blocks("validation").get(0);
      FunctionCall c = assertInstanceOf(FunctionCall.class, val.body().attribute("condition").orElseThrow().expr());
      assertEquals("contains", c.name());
      assertEquals("var.sku", trav(c.args().get(1)));
      assertRange(val.range(), 3, 3, 5, 4);
    }
  }
}
