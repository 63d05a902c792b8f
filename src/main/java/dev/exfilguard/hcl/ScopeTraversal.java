package dev.exfilguard.hcl;

import java.util.List;

/**
 * A variable reference such as {@code azurerm_subnet.x.id}, {@code var.m["k"]} or
 * {@code each.value}: the root name and everything chained onto it up to a splat.
 */
public record ScopeTraversal(String root, List<Traverser> steps, Range range, String sourceText)
    implements Expression {

  public ScopeTraversal {
    steps = List.copyOf(steps);
  }
}
