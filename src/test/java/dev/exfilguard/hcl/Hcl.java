package dev.exfilguard.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exfilguard.hcl.TemplatePart.TemplateLiteral;
import java.math.BigDecimal;
import java.util.List;

/** Shorthands for the parser tests. */
final class Hcl {

  static final String FILE = "test.tf";

  private Hcl() {}

  static Body parse(String src) {
    try {
      return HclParser.parse(FILE, src);
    } catch (HclParseException e) {
      throw new AssertionError("unexpected parse error: " + e.located(), e);
    }
  }

  /** Parses {@code v = <src>} and returns the expression. */
  static Expression expr(String src) {
    return parse("v = " + src + "\n").attribute("v").orElseThrow().expr();
  }

  /** Parses {@code locals { <body> }} and returns the named attribute's expression. */
  static Expression local(String body, String name) {
    Body b = parse("locals {\n" + body + "\n}\n");
    return b.blocks("locals").get(0).body().attribute(name).orElseThrow().expr();
  }

  static HclParseException error(String src) {
    return assertThrows(HclParseException.class, () -> HclParser.parse(FILE, src));
  }

  static void assertError(String src, int line, int column, String reasonFragment) {
    HclParseException e = error(src);
    assertEquals(line + ":" + column, e.line() + ":" + e.column(), "position of: " + e.located());
    if (!e.getMessage().contains(reasonFragment)) {
      throw new AssertionError("reason '" + e.getMessage() + "' does not contain '" + reasonFragment + "'");
    }
  }

  static void assertPos(Pos p, int line, int column) {
    assertEquals(line + ":" + column, p.line() + ":" + p.column());
  }

  static void assertRange(Range r, int l1, int c1, int l2, int c2) {
    assertEquals(l1 + ":" + c1 + "-" + l2 + ":" + c2,
        r.start().line() + ":" + r.start().column() + "-" + r.end().line() + ":" + r.end().column());
  }

  static BigDecimal num(Expression e) {
    return (BigDecimal) assertInstanceOf(LiteralValue.class, e).value();
  }

  static void assertNum(String expected, Expression e) {
    assertEquals(0, new BigDecimal(expected).compareTo(num(e)), "number " + e.sourceText());
  }

  /** The decoded text of a template without interpolations. */
  static String str(Expression e) {
    TemplateExpr t = assertInstanceOf(TemplateExpr.class, e);
    assertEquals(true, t.isLiteral(), "template is not a plain string: " + e.sourceText());
    return t.literalText();
  }

  static String lit(TemplatePart p) {
    return assertInstanceOf(TemplateLiteral.class, p).text();
  }

  /** Asserts a traversal and returns its steps rendered compactly, e.g. {@code .x[0].id}. */
  static String trav(Expression e) {
    ScopeTraversal t = assertInstanceOf(ScopeTraversal.class, e);
    return t.root() + steps(t.steps());
  }

  static String steps(List<Traverser> steps) {
    StringBuilder sb = new StringBuilder();
    for (Traverser s : steps) {
      if (s instanceof Traverser.GetAttr g) {
        sb.append('.').append(g.name());
      } else if (s instanceof Traverser.LegacyIndex li) {
        sb.append(".").append(li.index());
      } else if (s instanceof Traverser.IndexStep is) {
        sb.append('[').append(is.key().sourceText()).append(']');
      }
    }
    return sb.toString();
  }
}
