package dev.exfilguard.hcl;

/** {@code coll[key]} where coll is not a plain variable traversal, e.g. {@code f()[0]}. */
public record IndexExpr(Expression coll, Expression key, Range range, String sourceText) implements Expression {}
