package dev.exfilguard.hcl;

import static dev.exfilguard.hcl.Hcl.assertNum;
import static dev.exfilguard.hcl.Hcl.assertPos;
import static dev.exfilguard.hcl.Hcl.assertRange;
import static dev.exfilguard.hcl.Hcl.expr;
import static dev.exfilguard.hcl.Hcl.lit;
import static dev.exfilguard.hcl.Hcl.parse;
import static dev.exfilguard.hcl.Hcl.str;
import static dev.exfilguard.hcl.Hcl.trav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.hcl.TemplatePart.TemplateFor;
import dev.exfilguard.hcl.TemplatePart.TemplateIf;
import dev.exfilguard.hcl.TemplatePart.TemplateInterpolation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HclParserTest {

  @Nested
  class Bodies {

    @Test
    void emptyFileIsAnEmptyBody() {
      Body b = parse("");
      assertTrue(b.attributes().isEmpty());
      assertTrue(b.blocks().isEmpty());
      assertPos(b.range().start(), 1, 1);
    }

    @Test
    void onlyCommentsAndBlankLinesIsAnEmptyBody() {
      Body b = parse("# one\n\n// two\n/* three\n four */\n");
      assertTrue(b.attributes().isEmpty());
      assertTrue(b.blocks().isEmpty());
    }

    @Test
    void blockWithQuotedLabelsAndPositions() {
      String src = "# header\n\nresource \"azurerm_storage_account\" \"sa\" {\n  name = \"x\"\n}\n";
      Block b = parse(src).blocks().get(0);
      assertEquals("resource", b.type());
      assertEquals(List.of("azurerm_storage_account", "sa"), b.labels());
      assertRange(b.range(), 3, 1, 5, 2);
      assertRange(b.labelRanges().get(0), 3, 10, 3, 35);
      assertRange(b.labelRanges().get(1), 3, 36, 3, 40);
      Attribute name = b.body().attribute("name").orElseThrow();
      assertRange(name.nameRange(), 4, 3, 4, 7);
      assertRange(name.range(), 4, 3, 4, 13);
      assertEquals("\"x\"", name.expr().sourceText());
      assertRange(b.body().range(), 3, 41, 5, 2);
    }

    @Test
    void bareLabels() {
      Block b = parse("resource azurerm_x y {\n}\n").blocks().get(0);
      assertEquals(List.of("azurerm_x", "y"), b.labels());
    }

    @Test
    void singleLineBlocks() {
      Body b = parse("a { b = 1 }\nc \"d\" {}\n");
      Block a = b.blocks("a").get(0);
      assertNum("1", a.body().attribute("b").orElseThrow().expr());
      assertRange(a.range(), 1, 1, 1, 12);
      assertTrue(b.blocks("c").get(0).body().attributes().isEmpty());
    }

    @Test
    void nestedAndRepeatedBlocksKeepSourceOrder() {
      Body b = parse("resource \"r\" \"n\" {\n  rule { p = 1 }\n  x = 2\n  rule {\n    p = 2\n  }\n}\n");
      Body r = b.blocks().get(0).body();
      List<Block> rules = r.blocks("rule");
      assertEquals(2, rules.size());
      assertNum("1", rules.get(0).body().attribute("p").orElseThrow().expr());
      assertNum("2", rules.get(1).body().attribute("p").orElseThrow().expr());
      assertEquals(List.of("x"), r.attributes().stream().map(Attribute::name).toList());
      assertTrue(r.attribute("nope").isEmpty());
      assertTrue(r.blocks("nope").isEmpty());
    }

    @Test
    void identifiersMayContainDashes() {
      Body b = parse("ident-with-dash = x-y\n");
      assertEquals("x-y", trav(b.attribute("ident-with-dash").orElseThrow().expr()));
    }

    @Test
    void crlfLineEndings() {
      Body b = parse("a = 1\r\nblock {\r\n  b = \"x\"\r\n}\r\n");
      Attribute inner = b.blocks().get(0).body().attribute("b").orElseThrow();
      assertRange(inner.range(), 3, 3, 3, 10);
      assertRange(b.blocks().get(0).range(), 2, 1, 4, 2);
    }

    @Test
    void byteOrderMarkIsSkipped() {
      Body b = parse("\uFEFFa = 1\n");
      Attribute a = b.attribute("a").orElseThrow();
      assertPos(a.nameRange().start(), 1, 1);
      assertEquals(1, a.nameRange().start().offset());
    }

    @Test
    void commentsEverywhere() {
      Body b = parse("a = 1 # c\nb = 2 // c\nc = /* x */ 3\nd = [ # c\n  1, // c\n  /* c */ 2,\n]\n");
      assertNum("3", b.attribute("c").orElseThrow().expr());
      assertEquals(2, assertInstanceOf(TupleCons.class, b.attribute("d").orElseThrow().expr()).items().size());
    }

    @Test
    void fileWithoutTrailingNewline() {
      assertNum("1", parse("a = 1").attribute("a").orElseThrow().expr());
      assertEquals(1, parse("a {}").blocks().size());
    }
  }

  @Nested
  class Literals {

    @Test
    void numbers() {
      assertNum("1.5", expr("1.5"));
      assertNum("1000", expr("1e3"));
      assertNum("100", expr("1E+2"));
      assertNum("0.002", expr("2e-3"));
      assertNum("12345678901234567890", expr("12345678901234567890"));
    }

    @Test
    void boolsAndNull() {
      assertEquals(Boolean.TRUE, assertInstanceOf(LiteralValue.class, expr("true")).value());
      assertEquals(Boolean.FALSE, assertInstanceOf(LiteralValue.class, expr("false")).value());
      assertNull(assertInstanceOf(LiteralValue.class, expr("null")).value());
    }

    @Test
    void emptyStringHasNoParts() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"\""));
      assertTrue(t.parts().isEmpty());
      assertEquals("", t.literalText());
    }

    @Test
    void escapesAndUnescapedTemplateMarkers() {
      assertEquals("tab\there \"q\" back\\slash\r\n", str(expr("\"tab\\there \\\"q\\\" back\\\\slash\\r\\n\"")));
      assertEquals("${not} %{interp} $ % {", str(expr("\"$${not} %%{interp} $ % {\"")));
    }
  }

  @Nested
  class Operators {

    @Test
    void multiplicationBindsTighterThanAddition() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, expr("1 + 2 * 3"));
      assertEquals("+", b.op());
      assertNum("1", b.left());
      BinaryOp r = assertInstanceOf(BinaryOp.class, b.right());
      assertEquals("2 * 3", r.sourceText());
    }

    @Test
    void subtractionIsLeftAssociative() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, expr("10 - 3 - 2"));
      assertEquals("10 - 3", b.left().sourceText());
      assertNum("2", b.right());
    }

    @Test
    void variableMinusNumber() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, expr("var.n - 1"));
      assertEquals("-", b.op());
      assertEquals("var.n", trav(b.left()));
    }

    @Test
    void unaryOperators() {
      UnaryOp not = assertInstanceOf(UnaryOp.class, expr("!true"));
      assertEquals("!", not.op());
      UnaryOp neg = assertInstanceOf(UnaryOp.class, expr("-5"));
      assertNum("5", neg.operand());
      assertRange(neg.range(), 1, 5, 1, 7);
      UnaryOp negTrav = assertInstanceOf(UnaryOp.class, expr("-a.b"));
      assertEquals("a.b", trav(negTrav.operand()));
      BinaryOp negTimes = assertInstanceOf(BinaryOp.class, expr("-2 * 3"));
      assertInstanceOf(UnaryOp.class, negTimes.left());
      BinaryOp notEq = assertInstanceOf(BinaryOp.class, expr("!a == b"));
      assertInstanceOf(UnaryOp.class, notEq.left());
    }

    @Test
    void fullPrecedenceLadder() {
      BinaryOp or = assertInstanceOf(BinaryOp.class, expr("a || b && c == d < e + f * g"));
      assertEquals("||", or.op());
      BinaryOp and = assertInstanceOf(BinaryOp.class, or.right());
      assertEquals("&&", and.op());
      BinaryOp eq = assertInstanceOf(BinaryOp.class, and.right());
      assertEquals("==", eq.op());
      BinaryOp lt = assertInstanceOf(BinaryOp.class, eq.right());
      assertEquals("<", lt.op());
      BinaryOp plus = assertInstanceOf(BinaryOp.class, lt.right());
      assertEquals("+", plus.op());
      assertEquals("*", assertInstanceOf(BinaryOp.class, plus.right()).op());
    }

    @Test
    void otherOperators() {
      for (String op : List.of("%", "/", "!=", ">", ">=", "<=")) {
        assertEquals(op, assertInstanceOf(BinaryOp.class, expr("a " + op + " b")).op());
      }
    }

    @Test
    void parenthesesOverridePrecedence() {
      BinaryOp b = assertInstanceOf(BinaryOp.class, expr("(1 + 2) * 3"));
      assertEquals("*", b.op());
      Parenthesized p = assertInstanceOf(Parenthesized.class, b.left());
      assertEquals("+", assertInstanceOf(BinaryOp.class, p.inner()).op());
    }

    @Test
    void conditionalIsLoosestAndRightAssociative() {
      ConditionalExpr c = assertInstanceOf(ConditionalExpr.class, expr("a || b ? c : d ? e : f"));
      assertEquals("||", assertInstanceOf(BinaryOp.class, c.cond()).op());
      ConditionalExpr nested = assertInstanceOf(ConditionalExpr.class, c.falseExpr());
      assertEquals("d", trav(nested.cond()));
    }

    @Test
    void newlinesInsideParenthesesAreIgnored() {
      Parenthesized p = assertInstanceOf(Parenthesized.class, expr("(\n  var.a\n  ? 1\n  : 2\n)"));
      ConditionalExpr c = assertInstanceOf(ConditionalExpr.class, p.inner());
      assertEquals("var.a", trav(c.cond()));
      assertRange(c.range(), 2, 3, 4, 6);
    }
  }

  @Nested
  class Traversals {

    @Test
    void legacyIndex() {
      ScopeTraversal t = assertInstanceOf(ScopeTraversal.class, expr("var.l.0.name"));
      assertEquals(0, assertInstanceOf(Traverser.LegacyIndex.class, t.steps().get(1)).index());
      assertEquals("var.l.0.name", trav(t));
    }

    @Test
    void indexWithExpressionKey() {
      ScopeTraversal t = assertInstanceOf(ScopeTraversal.class, expr("var.m[local.k].id"));
      Traverser.IndexStep i = assertInstanceOf(Traverser.IndexStep.class, t.steps().get(1));
      assertEquals("local.k", trav(i.key()));
      assertRange(i.range(), 1, 10, 1, 19);
    }

    @Test
    void stepsAfterACallWrapTheCall() {
      GetAttrExpr g = assertInstanceOf(GetAttrExpr.class, expr("element(var.l, 0)[1].x"));
      assertEquals("x", g.name());
      IndexExpr i = assertInstanceOf(IndexExpr.class, g.source());
      assertNum("1", i.key());
      assertEquals("element", assertInstanceOf(FunctionCall.class, i.coll()).name());
      assertEquals("element(var.l, 0)[1]", i.sourceText());
    }

    @Test
    void fullSplatTakesIndexSteps() {
      SplatExpr s = assertInstanceOf(SplatExpr.class, expr("var.l[*].a[0]"));
      assertEquals(".a[0]", Hcl.steps(s.each()));
      assertEquals("var.l", trav(s.source()));
      assertRange(s.source().range(), 1, 5, 1, 10);
    }

    @Test
    void legacySplatTakesOnlyAttributes() {
      IndexExpr i = assertInstanceOf(IndexExpr.class, expr("x.*.a.b[0]"));
      SplatExpr s = assertInstanceOf(SplatExpr.class, i.coll());
      assertTrue(s.legacy());
      assertEquals(".a.b", Hcl.steps(s.each()));
    }

    @Test
    void legacyIndexAfterACall() {
      IndexExpr i = assertInstanceOf(IndexExpr.class, expr("f().12"));
      assertNum("12", i.key());
      assertEquals("12", i.key().sourceText());
      assertRange(i.key().range(), 1, 9, 1, 11);
      assertEquals("f().12", i.sourceText());
    }

    @Test
    void splatOverACall() {
      SplatExpr s = assertInstanceOf(SplatExpr.class, expr("f()[*].id"));
      assertInstanceOf(FunctionCall.class, s.source());
    }
  }

  @Nested
  class Collections {

    @Test
    void objectItemsSeparatedByNewlineOrComma() {
      ObjectCons o = assertInstanceOf(ObjectCons.class,
          expr("{\n  a = 1, b = 2\n  \"quoted key\" = true,\n\n  c: 3,\n}"));
      assertEquals(4, o.items().size());
      assertEquals("a", assertInstanceOf(ObjectKey.class, o.items().get(0).key()).name());
      assertEquals("quoted key", str(o.items().get(2).key()));
      assertNum("3", o.items().get(3).value());
    }

    @Test
    void keywordsAsObjectKeys() {
      ObjectCons o = assertInstanceOf(ObjectCons.class, expr("{ for = 1, if = 2, in = 3 }"));
      assertEquals(List.of("for", "if", "in"),
          o.items().stream().map(i -> ((ObjectKey) i.key()).name()).toList());
    }

    @Test
    void tuplesAcrossLinesWithTrailingComma() {
      TupleCons t = assertInstanceOf(TupleCons.class, expr("[\n  \"a\",\n  \"b\",\n]"));
      assertEquals(2, t.items().size());
      assertTrue(assertInstanceOf(TupleCons.class, expr("[]")).items().isEmpty());
    }

    @Test
    void forWithGroupingAndCondition() {
      ForExpr f = assertInstanceOf(ForExpr.class, expr("{ for v in var.l : v.k => v... if v.on }"));
      assertTrue(f.grouping());
      assertEquals("v.on", trav(f.cond()));
      assertNull(f.keyVar());
    }
  }

  @Nested
  class Calls {

    @Test
    void expansionOfFinalArgument() {
      FunctionCall c = assertInstanceOf(FunctionCall.class, expr("concat(var.a, var.b...)"));
      assertTrue(c.expandFinal());
      assertEquals(2, c.args().size());
      assertFalse(assertInstanceOf(FunctionCall.class, expr("concat(var.a, var.b)")).expandFinal());
    }

    @Test
    void noArgumentsAndTrailingComma() {
      assertTrue(assertInstanceOf(FunctionCall.class, expr("timestamp()")).args().isEmpty());
      assertEquals(2, assertInstanceOf(FunctionCall.class, expr("f(\n  1,\n  2,\n)")).args().size());
    }

    @Test
    void providerNamespacedFunction() {
      FunctionCall c = assertInstanceOf(FunctionCall.class, expr("provider::azurerm::normalise_resource_id(var.id)"));
      assertEquals("provider::azurerm::normalise_resource_id", c.name());
    }
  }

  @Nested
  class Templates {

    @Test
    void stripMarkersTrimAdjacentWhitespace() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"x  ${~ var.a ~}  y\""));
      assertEquals("x", lit(t.parts().get(0)));
      TemplateInterpolation i = assertInstanceOf(TemplateInterpolation.class, t.parts().get(1));
      assertTrue(i.stripLeft());
      assertTrue(i.stripRight());
      assertEquals("y", lit(t.parts().get(2)));
    }

    @Test
    void ifElseDirective() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"%{ if var.a }yes%{ else }no%{ endif }\""));
      TemplateIf i = assertInstanceOf(TemplateIf.class, t.parts().get(0));
      assertEquals("yes", lit(i.then().get(0)));
      assertEquals("no", lit(i.otherwise().get(0)));
    }

    @Test
    void forDirectiveWithKey() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"%{ for i, v in var.l ~} ${i}=${v} %{ endfor }\""));
      TemplateFor f = assertInstanceOf(TemplateFor.class, t.parts().get(0));
      assertEquals("i", f.keyVar());
      assertEquals("v", f.valueVar());
      assertEquals("var.l", trav(f.coll()));
      assertEquals(4, f.body().size());
      assertEquals("=", lit(f.body().get(1)));
      assertEquals(" ", lit(f.body().get(3)));
    }

    @Test
    void nestedDirectives() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class,
          expr("\"%{for x in xs}%{if x}[${x}]%{endif}%{endfor}\""));
      TemplateFor f = assertInstanceOf(TemplateFor.class, t.parts().get(0));
      TemplateIf i = assertInstanceOf(TemplateIf.class, f.body().get(0));
      assertEquals("[", lit(i.then().get(0)));
    }

    @Test
    void bracesAndStringsInsideInterpolation() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"${jsonencode({ a = { b = \"}\" } })}-end\""));
      FunctionCall j = assertInstanceOf(FunctionCall.class, assertInstanceOf(TemplateInterpolation.class, t.parts().get(0)).expr());
      assertEquals("{ a = { b = \"}\" } }", j.args().get(0).sourceText());
      assertEquals("-end", lit(t.parts().get(1)));
    }

    @Test
    void templateNestedInInterpolation() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("\"a${\"b${c}\"}\""));
      TemplateExpr inner = assertInstanceOf(TemplateExpr.class,
          assertInstanceOf(TemplateInterpolation.class, t.parts().get(1)).expr());
      assertEquals("b", lit(inner.parts().get(0)));
    }

    @Test
    void heredocKeepsBackslashesAndUnescapesMarkers() {
      assertEquals("C:\\dir\\n $${x}".replace("$${", "${") + "\n", str(expr("<<EOT\nC:\\dir\\n $${x}\nEOT\n")));
    }

    @Test
    void heredocWithCrlf() {
      Body b = parse("h = <<EOT\r\nline ${var.a}\r\n  two\r\nEOT\r\nx = 1\r\n");
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, b.attribute("h").orElseThrow().expr());
      assertEquals("line ", lit(t.parts().get(0)));
      assertEquals("\r\n  two\r\n", lit(t.parts().get(2)));
      assertRange(b.attribute("x").orElseThrow().range(), 5, 1, 5, 6);
    }

    @Test
    void flushHeredocWithCrlf() {
      assertEquals("ind\r\n  more\r\n", str(expr("<<-EOT\r\n    ind\r\n      more\r\n    EOT\r\n")));
    }

    @Test
    void flushHeredocWithInterpolationAtLineStartStripsNothing() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("<<-EOT\n  a\n${x}\n  EOT\n"));
      assertEquals("  a\n", lit(t.parts().get(0)));
    }

    @Test
    void heredocInterpolationSpanningLinesAndIndentedCloser() {
      TemplateExpr t = assertInstanceOf(TemplateExpr.class, expr("<<EOT\n${merge(\n  a,\n  b\n)}\n   EOT\n"));
      assertEquals(2, assertInstanceOf(FunctionCall.class,
          assertInstanceOf(TemplateInterpolation.class, t.parts().get(0)).expr()).args().size());
      assertEquals("\n", lit(t.parts().get(1)));
    }

    @Test
    void markerTextInsideTheHeredocIsNotTheEnd() {
      assertEquals("EOTX\n EOT more\n", str(expr("<<EOT\nEOTX\n EOT more\nEOT\n")));
    }

    @Test
    void heredocRangeAndAttributeAfterIt() {
      Body b = parse("a = <<EOT\nx\nEOT\nb = 2\n");
      assertRange(b.attribute("a").orElseThrow().expr().range(), 1, 5, 3, 4);
      assertRange(b.attribute("b").orElseThrow().range(), 4, 1, 4, 6);
    }
  }
}
