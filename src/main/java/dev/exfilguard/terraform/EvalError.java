package dev.exfilguard.terraform;

/**
 * An expression that Terraform itself would reject (a missing attribute of a known object, an
 * index out of range, a function given the wrong type). Inside {@code try()} and {@code can()}
 * it selects the next alternative; anywhere else the value becomes Unknown with this reason.
 */
final class EvalError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EvalError(String reason) {
    super(reason, null, false, false);
  }
}
