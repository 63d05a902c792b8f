package dev.exfilguard.hcl;

/** One step of a traversal or of a splat's per-element part. */
public sealed interface Traverser {

  Range range();

  /** {@code .name} */
  record GetAttr(String name, Range range) implements Traverser {}

  /** {@code [key]}; any expression, not only literals, so evaluators see the whole chain. */
  record IndexStep(Expression key, Range range) implements Traverser {}

  /** {@code .0}, the index form inherited from Terraform 0.11. */
  record LegacyIndex(int index, Range range) implements Traverser {}
}
