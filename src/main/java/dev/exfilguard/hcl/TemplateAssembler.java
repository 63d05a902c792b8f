package dev.exfilguard.hcl;

import dev.exfilguard.hcl.TemplatePart.TemplateFor;
import dev.exfilguard.hcl.TemplatePart.TemplateIf;
import dev.exfilguard.hcl.TemplatePart.TemplateInterpolation;
import dev.exfilguard.hcl.TemplatePart.TemplateLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the flat sequence of template pieces (decoded literals, interpolations, directives)
 * into {@link TemplatePart}s. The order of the steps follows HashiCorp's parser, because the
 * result differs otherwise: strip markers are applied first and only touch the immediately
 * adjacent literal piece (in a heredoc that is at most one line), then {@code <<-}
 * indentation is removed, and only then are the directives nested.
 */
final class TemplateAssembler {

  enum DirectiveKind { IF, ELSE, ENDIF, FOR, ENDFOR }

  /** A flat piece; literals are mutable so strip and flush can edit them in place. */
  sealed interface Piece permits Lit, Interp, Directive {
    Range range();
  }

  static final class Lit implements Piece {
    String text;
    Range range;

    Lit(String text, Range range) {
      this.text = text;
      this.range = range;
    }

    @Override
    public Range range() {
      return range;
    }
  }

  record Interp(Expression expr, boolean stripLeft, boolean stripRight, Range range) implements Piece {}

  /** {@code expr} is the if-condition or for-collection; vars only for {@code for}. */
  record Directive(DirectiveKind kind, Expression expr, String keyVar, String valueVar,
      boolean stripLeft, boolean stripRight, Range range) implements Piece {}

  private final String file;
  private final List<Piece> pieces = new ArrayList<>();
  private boolean trimNextLiteral;
  private int index;
  private int depth;
  private final int maxDepth;

  TemplateAssembler(String file, int maxDepth) {
    this.file = file;
    this.maxDepth = maxDepth;
  }

  void addLiteral(String decoded, Range range) {
    String text = decoded;
    if (trimNextLiteral) {
      text = stripLeading(text);
      trimNextLiteral = false;
    }
    pieces.add(new Lit(text, range));
  }

  /** Adds an interpolation or directive, applying its strip markers to the neighbours. */
  void addSequence(Piece p, boolean stripLeft, boolean stripRight) {
    if (stripLeft && !pieces.isEmpty() && pieces.get(pieces.size() - 1) instanceof Lit lit) {
      lit.text = stripTrailing(lit.text);
    }
    trimNextLiteral = stripRight;
    pieces.add(p);
  }

  List<TemplatePart> finish(boolean flushHeredoc) throws HclParseException {
    if (flushHeredoc) {
      flushIndentation();
    }
    index = 0;
    List<TemplatePart> parts = sequence(Set.of(), null);
    if (index < pieces.size()) {
      Directive d = (Directive) pieces.get(index);
      throw error(d.range(), "unexpected %{" + d.kind().name().toLowerCase() + "} without a matching opening directive");
    }
    return parts;
  }

  /**
   * Removes the smallest indentation found at the start of any line. Lines holding only
   * whitespace do not count; a line starting with an interpolation counts as zero.
   */
  private void flushIndentation() {
    int min = Integer.MAX_VALUE;
    boolean lineStart = true;
    List<Lit> adjust = new ArrayList<>();
    for (Piece p : pieces) {
      if (lineStart) {
        lineStart = false;
        int spaces;
        if (p instanceof Lit lit) {
          int lead = leadingSpaceChars(lit.text);
          if (lead == lit.text.length() && lit.text.endsWith("\n")) {
            spaces = Integer.MAX_VALUE;
          } else {
            spaces = lead;
            adjust.add(lit);
          }
        } else {
          spaces = 0;
        }
        min = Math.min(min, spaces);
      }
      if (p instanceof Lit lit && lit.text.endsWith("\n")) {
        lineStart = true;
      }
    }
    if (min == Integer.MAX_VALUE || min == 0) {
      return;
    }
    for (Lit lit : adjust) {
      lit.text = lit.text.substring(Math.min(min, lit.text.length()));
      Pos s = lit.range.start();
      lit.range = new Range(lit.range.file(), new Pos(s.line(), s.column() + min, s.offset() + min), lit.range.end());
    }
  }

  private static int leadingSpaceChars(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private List<TemplatePart> sequence(Set<DirectiveKind> enders, Directive opener) throws HclParseException {
    if (++depth > maxDepth) {
      throw error(opener.range(), "template directives nested too deeply (limit " + maxDepth + ")");
    }
    List<TemplatePart> out = new ArrayList<>();
    while (index < pieces.size()) {
      Piece p = pieces.get(index);
      if (p instanceof Lit lit) {
        index++;
        appendLiteral(out, lit.text, lit.range);
      } else if (p instanceof Interp in) {
        index++;
        out.add(new TemplateInterpolation(in.expr(), in.stripLeft(), in.stripRight(), in.range()));
      } else {
        Directive d = (Directive) p;
        if (enders.contains(d.kind())) {
          depth--;
          return out;
        }
        switch (d.kind()) {
          case IF -> {
            index++;
            List<TemplatePart> then = sequence(Set.of(DirectiveKind.ELSE, DirectiveKind.ENDIF), d);
            List<TemplatePart> otherwise = List.of();
            Directive end = closing(d, Set.of(DirectiveKind.ELSE, DirectiveKind.ENDIF), "endif");
            if (end.kind() == DirectiveKind.ELSE) {
              index++;
              otherwise = sequence(Set.of(DirectiveKind.ENDIF), d);
              end = closing(d, Set.of(DirectiveKind.ENDIF), "endif");
            }
            index++;
            out.add(new TemplateIf(d.expr(), then, otherwise, Range.span(d.range(), end.range())));
          }
          case FOR -> {
            index++;
            List<TemplatePart> body = sequence(Set.of(DirectiveKind.ENDFOR), d);
            Directive end = closing(d, Set.of(DirectiveKind.ENDFOR), "endfor");
            index++;
            out.add(new TemplateFor(d.keyVar(), d.valueVar(), d.expr(), body, Range.span(d.range(), end.range())));
          }
          default -> {
            // An else/endif/endfor that no open directive expects: let the caller report it.
            depth--;
            return out;
          }
        }
      }
    }
    depth--;
    return out;
  }

  private Directive closing(Directive opener, Set<DirectiveKind> accepted, String expected) throws HclParseException {
    if (index >= pieces.size()) {
      throw error(opener.range(), "unclosed %{" + opener.kind().name().toLowerCase() + "}: missing %{" + expected + "}");
    }
    Directive d = (Directive) pieces.get(index);
    if (!accepted.contains(d.kind())) {
      throw error(d.range(), "expected %{" + expected + "} to close the %{" + opener.kind().name().toLowerCase()
          + "} at line " + opener.range().start().line() + ", found %{" + d.kind().name().toLowerCase() + "}");
    }
    return d;
  }

  /** Merges with a preceding literal and drops empty text, so the AST has no noise pieces. */
  private static void appendLiteral(List<TemplatePart> out, String text, Range range) {
    if (text.isEmpty()) {
      return;
    }
    if (!out.isEmpty() && out.get(out.size() - 1) instanceof TemplateLiteral prev) {
      out.set(out.size() - 1, new TemplateLiteral(prev.text() + text, Range.span(prev.range(), range)));
    } else {
      out.add(new TemplateLiteral(text, range));
    }
  }

  private HclParseException error(Range at, String reason) {
    return new HclParseException(file, at.start(), reason);
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  /** Unicode whitespace, matching what HashiCorp's parser strips. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
