package dev.exfilguard.hcl;

public record ConditionalExpr(Expression cond, Expression trueExpr, Expression falseExpr, Range range, String sourceText)
    implements Expression {}
