package dev.exfilguard.hcl;

/** {@code -x} or {@code !x}. Not folded: {@code -5} is a UnaryOp over the literal 5. */
public record UnaryOp(String op, Expression operand, Range range, String sourceText) implements Expression {}
