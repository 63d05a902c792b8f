package dev.exfilguard.bicep;

/**
 * Where a syntax node stands in its file: 1-based line and column of its first and one past its
 * last character (columns count UTF-16 chars, as Java strings do), and 0-based offsets into the
 * text given to the parser, so {@code text.substring(offset, endOffset)} is the node's source.
 */
public record Span(int line, int column, int offset, int endLine, int endColumn, int endOffset) {

  /** From the start of {@code from} to the end of {@code to}. */
  static Span cover(Span from, Span to) {
    return new Span(from.line, from.column, from.offset, to.endLine, to.endColumn, to.endOffset);
  }
}
