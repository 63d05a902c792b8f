package dev.exfilguard.hcl;

/** {@code (inner)}; kept because in an object key the parentheses force evaluation. */
public record Parenthesized(Expression inner, Range range, String sourceText) implements Expression {}
