package dev.exfilguard.bicep;

/**
 * One token. {@code value} is the decoded text of a string piece (escapes applied, delimiters
 * removed); for other tokens it is the source text.
 */
record Token(TokenKind kind, String value, Span span) {

  /** How an error message names what was found. */
  String describe() {
    return switch (kind) {
      case IDENT -> "'" + value + "'";
      case INT -> "number " + value;
      case NEWLINE, EOF -> kind.display;
      case STRING, STRING_LEFT, STRING_MIDDLE, STRING_RIGHT, MULTILINE -> kind.display;
      default -> kind.display;
    };
  }
}
