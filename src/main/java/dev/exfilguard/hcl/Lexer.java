package dev.exfilguard.hcl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns source text into a flat token list, templates included. Quoted strings and heredocs
 * are split into literal runs and interpolation/directive openers, with the expression tokens
 * inside {@code ${...}} scanned in between; a mode stack (on the heap, so hostile nesting
 * cannot overflow the Java stack) tracks whether a {@code }} closes an object or a template
 * sequence. Comments produce no tokens, but the newline ending a line comment still does,
 * since newlines end attributes.
 */
final class Lexer {

  private enum Mode { EXPR, TEMPLATE_EXPR, QUOTED, HEREDOC }

  /** One level of the mode stack. */
  private static final class Frame {
    final Mode mode;
    final Pos opened;
    int braceDepth;
    final String marker;
    boolean atLineStart;

    Frame(Mode mode, Pos opened, String marker) {
      this.mode = mode;
      this.opened = opened;
      this.marker = marker;
    }
  }

  private final String file;
  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;
  private final List<Token> tokens = new ArrayList<>();
  private final Deque<Frame> modes = new ArrayDeque<>();

  private Lexer(String file, String src) {
    this.file = file;
    this.src = src;
  }

  static List<Token> scan(String file, String src) throws HclParseException {
    Lexer lx = new Lexer(file, src);
    if (src.startsWith("\uFEFF")) {
      lx.pos = 1;
    }
    lx.run();
    return lx.tokens;
  }

  private void run() throws HclParseException {
    modes.push(new Frame(Mode.EXPR, here(), null));
    while (true) {
      Frame top = modes.peek();
      switch (top.mode) {
        case EXPR, TEMPLATE_EXPR -> {
          if (!scanExprToken(top)) {
            return;
          }
        }
        case QUOTED -> scanQuoted(top);
        case HEREDOC -> scanHeredoc(top);
      }
    }
  }

  private Pos here() {
    return new Pos(line, col, pos);
  }

  private char at(int i) {
    return i < src.length() ? src.charAt(i) : '\0';
  }

  private boolean eof() {
    return pos >= src.length();
  }

  /** Advances one char, keeping line/column; a CRLF pair counts as one line break. */
  private void advance() {
    char c = src.charAt(pos++);
    if (c == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }

  private void advance(int n) {
    for (int i = 0; i < n; i++) {
      advance();
    }
  }

  private void emit(TokenKind kind, Pos start) {
    tokens.add(new Token(kind, src.substring(start.offset(), pos), start, here()));
  }

  private HclParseException error(Pos at, String reason) {
    return new HclParseException(file, at, reason);
  }

  /** Returns false once EOF has been emitted. */
  private boolean scanExprToken(Frame top) throws HclParseException {
    skipSpaceAndComments();
    Pos start = here();
    if (eof()) {
      if (top.mode == Mode.TEMPLATE_EXPR) {
        throw error(top.opened, "unclosed template sequence: missing '}'");
      }
      emit(TokenKind.EOF, start);
      return false;
    }
    char c = src.charAt(pos);
    char n = at(pos + 1);
    if (c == '\n' || (c == '\r' && n == '\n')) {
      advance(c == '\r' ? 2 : 1);
      emit(TokenKind.NEWLINE, start);
      return true;
    }
    if (c >= '0' && c <= '9') {
      scanNumber(start);
      return true;
    }
    if (isIdentStart(c)) {
      while (!eof() && isIdentPart(src.charAt(pos))) {
        advance();
      }
      emit(TokenKind.IDENT, start);
      return true;
    }
    switch (c) {
      case '"' -> {
        advance();
        emit(TokenKind.OQUOTE, start);
        modes.push(new Frame(Mode.QUOTED, start, null));
      }
      case '{' -> {
        advance();
        top.braceDepth++;
        emit(TokenKind.LBRACE, start);
      }
      case '}' -> {
        advance();
        if (top.mode == Mode.TEMPLATE_EXPR && top.braceDepth == 0) {
          emit(TokenKind.TEMPLATE_SEQ_END, start);
          modes.pop();
        } else {
          top.braceDepth--;
          emit(TokenKind.RBRACE, start);
        }
      }
      case '~' -> {
        if (n == '}' && top.mode == Mode.TEMPLATE_EXPR && top.braceDepth == 0) {
          advance(2);
          emit(TokenKind.TEMPLATE_SEQ_END, start);
          modes.pop();
        } else {
          throw error(start, "unexpected character '~'");
        }
      }
      case '<' -> {
        if (n == '<') {
          scanHeredocOpener(start);
        } else {
          single(n == '=' ? 2 : 1, n == '=' ? TokenKind.LTE : TokenKind.LT, start);
        }
      }
      case '>' -> single(n == '=' ? 2 : 1, n == '=' ? TokenKind.GTE : TokenKind.GT, start);
      case '=' -> {
        if (n == '=') {
          single(2, TokenKind.EQEQ, start);
        } else if (n == '>') {
          single(2, TokenKind.FAT_ARROW, start);
        } else {
          single(1, TokenKind.EQUAL, start);
        }
      }
      case '!' -> single(n == '=' ? 2 : 1, n == '=' ? TokenKind.NOTEQ : TokenKind.BANG, start);
      case '&' -> {
        if (n != '&') {
          throw error(start, "unexpected character '&' (did you mean '&&'?)");
        }
        single(2, TokenKind.AND, start);
      }
      case '|' -> {
        if (n != '|') {
          throw error(start, "unexpected character '|' (did you mean '||'?)");
        }
        single(2, TokenKind.OR, start);
      }
      case '.' -> {
        if (n == '.' && at(pos + 2) == '.') {
          single(3, TokenKind.ELLIPSIS, start);
        } else {
          single(1, TokenKind.DOT, start);
        }
      }
      case ':' -> single(n == ':' ? 2 : 1, n == ':' ? TokenKind.DOUBLE_COLON : TokenKind.COLON, start);
      case '[' -> single(1, TokenKind.LBRACK, start);
      case ']' -> single(1, TokenKind.RBRACK, start);
      case '(' -> single(1, TokenKind.LPAREN, start);
      case ')' -> single(1, TokenKind.RPAREN, start);
      case ',' -> single(1, TokenKind.COMMA, start);
      case '?' -> single(1, TokenKind.QUESTION, start);
      case '*' -> single(1, TokenKind.STAR, start);
      case '+' -> single(1, TokenKind.PLUS, start);
      case '-' -> single(1, TokenKind.MINUS, start);
      case '/' -> single(1, TokenKind.SLASH, start);
      case '%' -> single(1, TokenKind.PERCENT, start);
      default -> throw error(start, "unexpected character " + describeChar(c));
    }
    return true;
  }

  private void single(int len, TokenKind kind, Pos start) {
    advance(len);
    emit(kind, start);
  }

  private static String describeChar(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }

  private void skipSpaceAndComments() throws HclParseException {
    while (!eof()) {
      char c = src.charAt(pos);
      char n = at(pos + 1);
      if (c == ' ' || c == '\t' || (c == '\r' && n != '\n')) {
        advance();
      } else if (c == '#' || (c == '/' && n == '/')) {
        // The newline is left for the caller: it still terminates the attribute before it.
        while (!eof() && src.charAt(pos) != '\n' && !(src.charAt(pos) == '\r' && at(pos + 1) == '\n')) {
          advance();
        }
      } else if (c == '/' && n == '*') {
        Pos start = here();
        advance(2);
        while (!(at(pos) == '*' && at(pos + 1) == '/')) {
          if (eof()) {
            throw error(start, "unterminated comment: missing '*/'");
          }
          advance();
        }
        advance(2);
      } else {
        return;
      }
    }
  }

  private void scanNumber(Pos start) {
    while (isDigit(at(pos))) {
      advance();
    }
    if (at(pos) == '.' && isDigit(at(pos + 1))) {
      advance();
      while (isDigit(at(pos))) {
        advance();
      }
    }
    char e = at(pos);
    if (e == 'e' || e == 'E') {
      int k = pos + 1;
      if (at(k) == '+' || at(k) == '-') {
        k++;
      }
      if (isDigit(at(k))) {
        advance(k - pos);
        while (isDigit(at(pos))) {
          advance();
        }
      }
    }
    emit(TokenKind.NUMBER, start);
  }

  private void scanHeredocOpener(Pos start) throws HclParseException {
    int k = pos + 2;
    if (at(k) == '-') {
      k++;
    }
    int nameStart = k;
    if (!isIdentStart(at(k))) {
      throw error(start, "invalid heredoc: expected an identifier after '<<'");
    }
    while (k < src.length() && isIdentPart(src.charAt(k))) {
      k++;
    }
    String marker = src.substring(nameStart, k);
    if (at(k) == '\r' && at(k + 1) == '\n') {
      k += 2;
    } else if (at(k) == '\n') {
      k++;
    } else {
      throw error(start, "invalid heredoc: the line must end right after '<<" + marker + "'");
    }
    advance(k - pos);
    emit(TokenKind.OHEREDOC, start);
    Frame f = new Frame(Mode.HEREDOC, start, marker);
    f.atLineStart = true;
    modes.push(f);
  }

  /** Scans one literal run of a quoted string, or its end, or an interpolation opener. */
  private void scanQuoted(Frame top) throws HclParseException {
    Pos start = here();
    while (true) {
      if (eof() || src.charAt(pos) == '\n' || (src.charAt(pos) == '\r' && at(pos + 1) == '\n')) {
        throw error(top.opened, "unterminated string");
      }
      char c = src.charAt(pos);
      char n = at(pos + 1);
      if (c == '"') {
        flushLiteral(TokenKind.QUOTED_LIT, start);
        Pos q = here();
        advance();
        emit(TokenKind.CQUOTE, q);
        modes.pop();
        return;
      }
      if (c == '\\') {
        // Skip the escaped char so that \" does not end the string; decoding comes later.
        advance();
        if (!eof() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          advance();
        }
        continue;
      }
      int before = pos;
      if (openTemplateSequence(start, TokenKind.QUOTED_LIT, c, n)) {
        return;
      }
      if (pos == before) {
        advance();
      }
    }
  }

  /**
   * Handles {@code $${}/{@code %%{} (consumed into the literal, so the caller must not advance
   * again) and {@code ${}/{@code %{} (ends the literal and enters expression mode). Returns
   * true when a sequence was opened.
   */
  private boolean openTemplateSequence(Pos litStart, TokenKind litKind, char c, char n) {
    if ((c == '$' || c == '%') && n == c && at(pos + 2) == '{') {
      advance(3);
      return false;
    }
    if ((c == '$' || c == '%') && n == '{') {
      flushLiteral(litKind, litStart);
      Pos s = here();
      advance(at(pos + 2) == '~' ? 3 : 2);
      emit(c == '$' ? TokenKind.TEMPLATE_INTERP : TokenKind.TEMPLATE_CONTROL, s);
      modes.push(new Frame(Mode.TEMPLATE_EXPR, s, null));
      return true;
    }
    return false;
  }

  private void flushLiteral(TokenKind kind, Pos start) {
    if (pos > start.offset()) {
      emit(kind, start);
    }
  }

  private void scanHeredoc(Frame top) throws HclParseException {
    if (top.atLineStart) {
      top.atLineStart = false;
      int k = pos;
      while (at(k) == ' ' || at(k) == '\t') {
        k++;
      }
      if (src.startsWith(top.marker, k)) {
        int e = k + top.marker.length();
        boolean lineEnds = e >= src.length() || at(e) == '\n' || (at(e) == '\r' && at(e + 1) == '\n');
        if (lineEnds) {
          Pos start = here();
          advance(e - pos);
          emit(TokenKind.CHEREDOC, start);
          modes.pop();
          return;
        }
      }
    }
    Pos start = here();
    while (true) {
      if (eof()) {
        throw error(top.opened, "unterminated heredoc: missing closing marker '" + top.marker + "'");
      }
      char c = src.charAt(pos);
      char n = at(pos + 1);
      if (c == '\n' || (c == '\r' && n == '\n')) {
        advance(c == '\r' ? 2 : 1);
        emit(TokenKind.HEREDOC_LIT, start);
        top.atLineStart = true;
        return;
      }
      int before = pos;
      if (openTemplateSequence(start, TokenKind.HEREDOC_LIT, c, n)) {
        return;
      }
      if (pos == before) {
        advance();
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentStart(char c) {
    return c == '_' || Character.isUnicodeIdentifierStart(c);
  }

  static boolean isIdentPart(char c) {
    return c == '-' || c == '_' || (Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
  }
}
