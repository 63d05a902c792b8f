package dev.exfilguard.hcl;

/**
 * An unevaluated expression. {@code sourceText} is the exact source slice of {@link #range()},
 * kept so that findings can quote what the author wrote.
 */
public sealed interface Expression
    permits LiteralValue, TemplateExpr, ScopeTraversal, SplatExpr, FunctionCall, ConditionalExpr,
        BinaryOp, UnaryOp, TupleCons, ObjectCons, ObjectKey, ForExpr, IndexExpr, GetAttrExpr,
        Parenthesized {

  Range range();

  String sourceText();
}
