package dev.exfilguard.hcl;

/**
 * A number ({@link java.math.BigDecimal}, exact as written), {@code true}/{@code false}
 * ({@link Boolean}) or {@code null}. Quoted strings are {@link TemplateExpr}s, even without
 * interpolation, because HCL treats every quoted string as a template.
 */
public record LiteralValue(Object value, Range range, String sourceText) implements Expression {}
