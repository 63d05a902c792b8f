package dev.exfilguard.hcl;

import java.util.List;

public record TupleCons(List<Expression> items, Range range, String sourceText) implements Expression {

  public TupleCons {
    items = List.copyOf(items);
  }
}
