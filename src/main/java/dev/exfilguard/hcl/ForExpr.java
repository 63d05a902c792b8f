package dev.exfilguard.hcl;

/**
 * {@code [for k, v in coll : value if cond]} (keyExpr null) or
 * {@code {for k, v in coll : key => value... if cond}}. {@code keyVar} and {@code cond} are
 * null when absent; {@code grouping} is the {@code ...} after the value.
 */
public record ForExpr(
    String keyVar,
    String valueVar,
    Expression coll,
    Expression keyExpr,
    Expression valueExpr,
    Expression cond,
    boolean grouping,
    Range range,
    String sourceText)
    implements Expression {

  public boolean isObject() {
    return keyExpr != null;
  }
}
