package dev.exfilguard.hcl;

/** {@code source.name} where source is not a plain variable traversal, e.g. {@code f().x}. */
public record GetAttrExpr(Expression source, String name, Range range, String sourceText) implements Expression {}
