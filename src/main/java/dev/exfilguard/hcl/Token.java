package dev.exfilguard.hcl;

/** A lexeme; {@code text} is the exact source slice. */
record Token(TokenKind kind, String text, Pos start, Pos end) {

  boolean isKeyword(String word) {
    return kind == TokenKind.IDENT && text.equals(word);
  }

  /** Whether a {@code ${~}/{@code %{~} opener or a {@code ~}} closer carries the strip marker. */
  boolean hasStripMarker() {
    return text.indexOf('~') >= 0;
  }

  String describe() {
    return switch (kind) {
      case IDENT -> "'" + text + "'";
      case NUMBER -> "number " + text;
      default -> kind.display;
    };
  }
}
