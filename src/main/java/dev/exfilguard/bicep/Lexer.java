package dev.exfilguard.bicep;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Bicep source into a flat token list. An interpolated string becomes its pieces
 * ({@code 'a${}, {@code }b${}, {@code }c'}) with the expression tokens in between; a stack of
 * brace counts (on the heap, so hostile nesting cannot overflow the Java stack) tells a
 * {@code }} closing an object from one resuming a string. Comments and {@code #disable-...}
 * directives produce no tokens, but the line break ending them does: line breaks separate
 * statements and items.
 */
final class Lexer {
  private final String file;
  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;
  private final List<Token> tokens;
  /** Open interpolations: how many '{' each has seen that a '}' must close first. */
  private int[] interp = new int[16];
  private int depth;

  private Lexer(String file, String src) {
    this.file = file;
    this.src = src;
    this.tokens = new ArrayList<>(16 + src.length() / 5);
  }

  static List<Token> scan(String file, String src) throws BicepParseException {
    Lexer lx = new Lexer(file, src);
    if (src.startsWith("\uFEFF")) lx.pos = 1;
    lx.run();
    return lx.tokens;
  }

  private void run() throws BicepParseException {
    while (true) {
      skipSpaceAndComments();
      int sl = line, sc = col, so = pos;
      if (pos >= src.length()) {
        if (depth > 0) throw error(sl, sc, "unterminated string interpolation: missing '}'");
        tokens.add(new Token(TokenKind.EOF, "", new Span(sl, sc, so, sl, sc, so)));
        return;
      }
      char c = src.charAt(pos);
      char n = at(pos + 1);
      if (c == '\n' || (c == '\r' && n == '\n')) {
        advance(c == '\r' ? 2 : 1);
        emit(TokenKind.NEWLINE, "\n", sl, sc, so);
        continue;
      }
      if (c >= '0' && c <= '9') {
        while (isDigit(at(pos))) advance(1);
        emit(TokenKind.INT, src.substring(so, pos), sl, sc, so);
        continue;
      }
      if (isIdentStart(c)) {
        int end = pos;
        while (end < src.length() && isIdentPart(src.charAt(end))) end++;
        col += end - pos;
        pos = end;
        emit(TokenKind.IDENT, src.substring(so, pos), sl, sc, so);
        continue;
      }
      switch (c) {
        case '\'' -> {
          if (n == '\'' && at(pos + 2) == '\'') multiline(sl, sc, so);
          else {
            advance(1);
            stringPiece(sl, sc, so, true);
          }
        }
        case '{' -> {
          if (depth > 0) interp[depth - 1]++;
          op(1, TokenKind.LBRACE, sl, sc, so);
        }
        case '}' -> {
          if (depth > 0 && interp[depth - 1] == 0) {
            advance(1);
            depth--;
            stringPiece(sl, sc, so, false);
          } else {
            if (depth > 0) interp[depth - 1]--;
            op(1, TokenKind.RBRACE, sl, sc, so);
          }
        }
        case '[' -> op(n == '?' ? 2 : 1, n == '?' ? TokenKind.LBRACK_SAFE : TokenKind.LBRACK, sl, sc, so);
        case ']' -> op(1, TokenKind.RBRACK, sl, sc, so);
        case '(' -> op(1, TokenKind.LPAREN, sl, sc, so);
        case ')' -> op(1, TokenKind.RPAREN, sl, sc, so);
        case ',' -> op(1, TokenKind.COMMA, sl, sc, so);
        case '.' -> {
          if (n == '.' && at(pos + 2) == '.') op(3, TokenKind.ELLIPSIS, sl, sc, so);
          else op(n == '?' ? 2 : 1, n == '?' ? TokenKind.DOT_SAFE : TokenKind.DOT, sl, sc, so);
        }
        case ':' -> op(n == ':' ? 2 : 1, n == ':' ? TokenKind.DOUBLE_COLON : TokenKind.COLON, sl, sc, so);
        case '=' -> {
          if (n == '=') op(2, TokenKind.EQ, sl, sc, so);
          else if (n == '~') op(2, TokenKind.EQI, sl, sc, so);
          else if (n == '>') op(2, TokenKind.ARROW, sl, sc, so);
          else op(1, TokenKind.ASSIGN, sl, sc, so);
        }
        case '!' -> {
          if (n == '=') op(2, TokenKind.NEQ, sl, sc, so);
          else if (n == '~') op(2, TokenKind.NEQI, sl, sc, so);
          else op(1, TokenKind.BANG, sl, sc, so);
        }
        case '?' -> {
          if (n == '?') op(2, TokenKind.COALESCE, sl, sc, so);
          else if (n == '.') throw error(sl, sc, "'?.' is not Bicep: safe property access is written '.?'");
          else op(1, TokenKind.QUESTION, sl, sc, so);
        }
        case '<' -> op(n == '=' ? 2 : 1, n == '=' ? TokenKind.LTE : TokenKind.LT, sl, sc, so);
        case '>' -> op(n == '=' ? 2 : 1, n == '=' ? TokenKind.GTE : TokenKind.GT, sl, sc, so);
        case '&' -> {
          if (n != '&') throw error(sl, sc, "unexpected character '&' (did you mean '&&'?)");
          op(2, TokenKind.AND, sl, sc, so);
        }
        case '|' -> op(n == '|' ? 2 : 1, n == '|' ? TokenKind.OR : TokenKind.PIPE, sl, sc, so);
        case '@' -> op(1, TokenKind.AT, sl, sc, so);
        case '+' -> op(1, TokenKind.PLUS, sl, sc, so);
        case '-' -> op(1, TokenKind.MINUS, sl, sc, so);
        case '*' -> op(1, TokenKind.STAR, sl, sc, so);
        case '/' -> op(1, TokenKind.SLASH, sl, sc, so);
        case '%' -> op(1, TokenKind.PERCENT, sl, sc, so);
        case '"' -> throw error(sl, sc, "unexpected character '\"': Bicep strings are quoted with '");
        default -> throw error(sl, sc, "unexpected character " + describeChar(c));
      }
    }
  }

  /**
   * Scans a quoted string's literal run up to its closing quote or the next {@code ${}.
   *
   * @param first true after the opening quote, false after the '}' that closes an interpolation
   */
  private void stringPiece(int sl, int sc, int so, boolean first) throws BicepParseException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n' || (src.charAt(pos) == '\r' && at(pos + 1) == '\n')) {
        throw error(sl, sc, "unterminated string: missing closing '");
      }
      char c = src.charAt(pos);
      if (c == '\'') {
        advance(1);
        emit(first ? TokenKind.STRING : TokenKind.STRING_RIGHT, sb.toString(), sl, sc, so);
        return;
      }
      if (c == '$' && at(pos + 1) == '{') {
        advance(2);
        emit(first ? TokenKind.STRING_LEFT : TokenKind.STRING_MIDDLE, sb.toString(), sl, sc, so);
        if (depth == interp.length) interp = java.util.Arrays.copyOf(interp, depth * 2);
        interp[depth++] = 0;
        return;
      }
      if (c == '\\') {
        int el = line, ec = col;
        char e = at(pos + 1);
        switch (e) {
          case '\\', '\'', '$' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (at(pos + 2) != '{') throw error(el, ec, "invalid escape: \\u must be followed by {hex digits}");
            int close = src.indexOf('}', pos + 3);
            String hex = close < 0 ? "" : src.substring(pos + 3, close);
            if (hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(Lexer::isHex)) {
              throw error(el, ec, "invalid escape: \\u{...} needs 1 to 6 hex digits");
            }
            int cp = Integer.parseInt(hex, 16);
            if (cp > 0x10FFFF) throw error(el, ec, "invalid escape: \\u{" + hex + "} is not a Unicode code point");
            sb.appendCodePoint(cp);
            advance(close + 1 - pos);
            continue;
          }
          default -> throw error(el, ec, "invalid escape sequence '\\" + (e == '\0' ? "" : String.valueOf(e))
              + "' (Bicep knows \\\\ \\' \\n \\r \\t \\$ \\u{...})");
        }
        advance(2);
        continue;
      }
      // a run of plain characters at once: no line break inside a quoted string, so only the column moves
      int end = pos + 1;
      while (end < src.length()) {
        char x = src.charAt(end);
        if (x == '\'' || x == '\\' || x == '$' || x == '\n' || x == '\r') break;
        end++;
      }
      sb.append(src, pos, end);
      col += end - pos;
      pos = end;
    }
  }

  /** {@code '''...'''}: no escapes, no interpolation; a line break right after the opening is dropped. */
  private void multiline(int sl, int sc, int so) throws BicepParseException {
    advance(3);
    if (at(pos) == '\r' && at(pos + 1) == '\n') advance(2);
    else if (at(pos) == '\n') advance(1);
    int end = src.indexOf("'''", pos);
    if (end < 0) throw error(sl, sc, "unterminated multi-line string: missing closing '''");
    String value = src.substring(pos, end);
    advance(end + 3 - pos);
    emit(TokenKind.MULTILINE, value, sl, sc, so);
  }

  private void skipSpaceAndComments() throws BicepParseException {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      char n = at(pos + 1);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\u00A0' || (c == '\r' && n != '\n')) {
        pos++;
        col++;
      } else if ((c == '/' && n == '/') || c == '#') {
        // '#' starts a compiler directive (#disable-next-line ...), which runs to the line's end
        int end = pos;
        while (end < src.length() && src.charAt(end) != '\n' && !(src.charAt(end) == '\r' && at(end + 1) == '\n')) end++;
        col += end - pos;
        pos = end;
      } else if (c == '/' && n == '*') {
        int sl = line, sc = col;
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) throw error(sl, sc, "unterminated comment: missing '*/'");
        advance(end + 2 - pos);
      } else {
        return;
      }
    }
  }

  private void op(int len, TokenKind kind, int sl, int sc, int so) {
    // punctuation never spans a line break
    pos += len;
    col += len;
    emit(kind, kind.text != null ? kind.text : src.substring(so, pos), sl, sc, so);
  }

  private void emit(TokenKind kind, String value, int sl, int sc, int so) {
    tokens.add(new Token(kind, value, new Span(sl, sc, so, line, col, pos)));
  }

  private void advance(int n) {
    for (int i = 0; i < n && pos < src.length(); i++) {
      if (src.charAt(pos++) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
  }

  private char at(int i) {
    return i < src.length() ? src.charAt(i) : '\0';
  }

  private BicepParseException error(int l, int c, String reason) {
    return new BicepParseException(file, l, c, reason);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static String describeChar(char c) {
    if (c >= 0x20 && c < 0x7f) return "'" + c + "'";
    return String.format("U+%04X", (int) c);
  }
}
