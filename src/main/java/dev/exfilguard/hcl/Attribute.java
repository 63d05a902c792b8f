package dev.exfilguard.hcl;

/** {@code name = expr}; {@code range} runs from the name to the end of the expression. */
public record Attribute(String name, Expression expr, Range range, Range nameRange) {}
