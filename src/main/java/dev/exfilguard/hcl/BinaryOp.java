package dev.exfilguard.hcl;

/** {@code op} is the operator as written: {@code || && == != < > <= >= + - * / %}. */
public record BinaryOp(String op, Expression left, Expression right, Range range, String sourceText)
    implements Expression {}
