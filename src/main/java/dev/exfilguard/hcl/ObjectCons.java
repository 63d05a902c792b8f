package dev.exfilguard.hcl;

import java.util.List;

/**
 * {@code { key = value, ... }}. A key written as a bare identifier is an {@link ObjectKey}
 * (HCL takes it as the literal name, never as a variable); any other key is its expression,
 * e.g. a {@link TemplateExpr} for {@code "k"}, a {@link LiteralValue} for {@code 22}, a
 * {@link Parenthesized} for {@code (var.k)}.
 */
public record ObjectCons(List<ObjectItem> items, Range range, String sourceText) implements Expression {

  public ObjectCons {
    items = List.copyOf(items);
  }

  public record ObjectItem(Expression key, Expression value) {}
}
