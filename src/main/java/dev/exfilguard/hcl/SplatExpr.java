package dev.exfilguard.hcl;

import java.util.List;

/**
 * {@code source[*].each...} or, when {@code legacy}, {@code source.*.each...}. {@code each}
 * applies to every element. The full splat takes attribute and index steps; the legacy splat
 * takes attribute steps only, so in {@code x.*.id[0]} the index applies to the result (an
 * {@link IndexExpr} around this node), as in HashiCorp's parser.
 */
public record SplatExpr(Expression source, List<Traverser> each, boolean legacy, Range range, String sourceText)
    implements Expression {

  public SplatExpr {
    each = List.copyOf(each);
  }
}
