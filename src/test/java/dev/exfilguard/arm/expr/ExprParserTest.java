package dev.exfilguard.arm.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.arm.expr.Expr.Call;
import dev.exfilguard.arm.expr.Expr.Index;
import dev.exfilguard.arm.expr.Expr.Member;
import dev.exfilguard.arm.expr.Expr.NumLit;
import dev.exfilguard.arm.expr.Expr.StrLit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExprParserTest {

  private static Expr parse(String s) throws ExprSyntaxException {
    return ExprParser.parse(s);
  }

  @Test
  void expressionsAreBracketedButNotDoubleBracketed() {
    assertTrue(ExprParser.isExpression("[parameters('x')]"));
    assertTrue(ExprParser.isExpression("[]"));
    assertFalse(ExprParser.isExpression("[[parameters('x')]"));
    assertFalse(ExprParser.isExpression("plain"));
    assertFalse(ExprParser.isExpression(" [parameters('x')]"));
    assertFalse(ExprParser.isExpression("[parameters('x')] "));
    assertFalse(ExprParser.isExpression("["));
    assertEquals("[not an expression]", ExprParser.unescapeLiteral("[[not an expression]"));
    assertEquals("plain", ExprParser.unescapeLiteral("plain"));
  }

  @Test
  void stringLiteralWithDoubledQuoteEscape() throws Exception {
    assertEquals(new StrLit("it's"), parse("'it''s'"));
    assertEquals(new StrLit(""), parse("''"));
    assertEquals(new StrLit("''"), parse("''''''"));
    assertEquals(new StrLit("a]b[c"), parse("'a]b[c'"));
  }

  @Test
  void numbers() throws Exception {
    assertEquals(new NumLit(new BigDecimal("443")), parse("443"));
    assertEquals(new NumLit(new BigDecimal("-1")), parse("-1"));
  }

  @Test
  void nestedCallsWithWhitespace() throws Exception {
    Expr e = parse(" concat( 'a' , toLower( parameters('p') ) , 'b' ) ");
    assertEquals(new Call("concat", List.of(
        new StrLit("a"),
        new Call("toLower", List.of(new Call("parameters", List.of(new StrLit("p"))))),
        new StrLit("b"))), e);
  }

  @Test
  void callWithoutArguments() throws Exception {
    assertEquals(new Call("resourceGroup", List.of()), parse("resourceGroup()"));
  }

  @Test
  void memberAndIndexChainLeftToRight() throws Exception {
    Expr e = parse("variables('cfg').subnets[0]['name']");
    Expr base = new Call("variables", List.of(new StrLit("cfg")));
    assertEquals(new Index(new Index(new Member(base, "subnets"), new NumLit(BigDecimal.ZERO)), new StrLit("name")), e);
    assertEquals(new Member(new Call("resourceGroup", List.of()), "id"), parse("resourceGroup() . id"));
  }

  @Test
  void indexCanBeAnExpression() throws Exception {
    Expr e = parse("parameters('a')[sub(length(parameters('a')), 1)]");
    assertTrue(e instanceof Index ix && ix.index() instanceof Call c && c.name().equals("sub"), e.toString());
  }

  @Test
  void namespacedFunctionIsOneCall() throws Exception {
    assertEquals(new Call("__bicep.subnetId", List.of(new StrLit("a"))), parse("__bicep.subnetId('a')"));
    assertEquals(new Call("ns.fn", List.of()), parse("ns . fn ()"));
  }

  @Test
  void memberOfANamespacedCallResult() throws Exception {
    assertEquals(new Member(new Call("ns.fn", List.of()), "id"), parse("ns.fn().id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "'unterminated",
      "concat('a'",
      "concat('a' 'b')",
      "concat('a',)",
      "parameters",
      "ns.notACall",
      "'a' 'b'",
      "concat('a'))",
      "x[0",
      "x().",
      "@bad()",
      "1.2.3",
  })
  void syntaxErrorsAreReported(String body) {
    ExprSyntaxException e = assertThrows(ExprSyntaxException.class, () -> parse(body));
    assertTrue(e.getMessage().contains("at character"), e.getMessage());
  }

  @Test
  void errorPositionCountsFromTheOpeningBracket() {
    // body "concat('a' 'b')": the parser stops at the second quote, index 11; +1 for '[' and 1-based
    ExprSyntaxException e = assertThrows(ExprSyntaxException.class, () -> ExprParser.parseBracketed("[concat('a' 'b')]"));
    assertEquals("expected ')' but found ''' at character 13", e.getMessage());
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String body = "f(".repeat(5000) + ")".repeat(5000);
    assertThrows(ExprSyntaxException.class, () -> parse(body));
  }
}
