package dev.exfilguard.hcl;

import java.util.List;

/** One piece of a template. Ranges are the source spans of the piece (for an {@code if} or
 * {@code for}, from its opening directive to its closing one). */
public sealed interface TemplatePart {

  Range range();

  record TemplateLiteral(String text, Range range) implements TemplatePart {}

  /** {@code ${expr}}; the strip flags record {@code ${~} and {@code ~}} (already applied). */
  record TemplateInterpolation(Expression expr, boolean stripLeft, boolean stripRight, Range range)
      implements TemplatePart {}

  /** {@code %{if cond}then%{else}otherwise%{endif}}; {@code otherwise} is empty without else. */
  record TemplateIf(Expression cond, List<TemplatePart> then, List<TemplatePart> otherwise, Range range)
      implements TemplatePart {
    public TemplateIf {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** {@code %{for keyVar, valueVar in coll}body%{endfor}}; {@code keyVar} is null when absent. */
  record TemplateFor(String keyVar, String valueVar, Expression coll, List<TemplatePart> body, Range range)
      implements TemplatePart {
    public TemplateFor {
      body = List.copyOf(body);
    }
  }
}
