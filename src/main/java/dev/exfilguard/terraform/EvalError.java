package dev.exfilguard.terraform;

/**
 * An expression that Terraform itself would reject (a missing attribute of a known object, an
 * index out of range, a function given the wrong type). Inside {@code try()} and {@code can()}
 * it selects the next alternative; anywhere else the value becomes Unknown with this reason.
 */
final class EvalError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean noted;

  EvalError(String reason) {
    this(reason, false);
  }

  private EvalError(String reason, boolean noted) {
    super(reason, null, false, false);
    this.noted = noted;
  }

  /** An error of one of Terraform's limits (range() past 1024 items): noted where it makes a value Unknown. */
  static EvalError limit(String reason) {
    return new EvalError(reason, true);
  }

  boolean noted() {
    return noted;
  }
}
