package dev.exfilguard.arm.expr;

/** An expression that does not follow the template language's grammar. */
public final class ExprSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExprSyntaxException(String message) {
    super(message);
  }
}
