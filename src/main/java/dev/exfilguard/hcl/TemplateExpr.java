package dev.exfilguard.hcl;

import java.util.List;

/**
 * A quoted string or heredoc. Literal parts are already decoded: escapes resolved,
 * {@code $${}/{@code %%{} unescaped, {@code ~} strip markers applied, {@code <<-} indentation
 * removed; adjacent literals are merged and empty ones dropped, so {@code ""} has no parts.
 */
public record TemplateExpr(List<TemplatePart> parts, boolean heredoc, Range range, String sourceText)
    implements Expression {

  public TemplateExpr {
    parts = List.copyOf(parts);
  }

  /** True when the template has no interpolation or directive. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof TemplatePart.TemplateLiteral);
  }

  /** The decoded text when {@link #isLiteral()}, else null. */
  public String literalText() {
    if (!isLiteral()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (TemplatePart p : parts) {
      sb.append(((TemplatePart.TemplateLiteral) p).text());
    }
    return sb.toString();
  }
}
