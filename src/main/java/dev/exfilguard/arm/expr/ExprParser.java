package dev.exfilguard.arm.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses template language expressions: function calls, single-quoted strings with {@code ''}
 * escapes, integers, member access and indexing. Grammar from the ARM template syntax docs.
 */
public final class ExprParser {
  private static final int MAX_DEPTH = 200;
  /** How a syntax error caused by {@link #MAX_DEPTH} begins: a limit of ours, not a mistake in the template. */
  static final String TOO_DEEP = "nested more than ";
  private final String src;
  private int pos;
  private int depth;

  private ExprParser(String src) {
    this.src = src;
  }

  /** True when a JSON string is an expression: {@code [...]} but not the {@code [[} escape. */
  public static boolean isExpression(String s) {
    return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(1) != '[' && s.charAt(s.length() - 1) == ']';
  }

  /** The literal a {@code [[...} string stands for. */
  public static String unescapeLiteral(String s) {
    return s.startsWith("[[") ? s.substring(1) : s;
  }

  /** Parses the body of {@code [ ... ]} (the brackets included in {@code text}). */
  public static Expr parseBracketed(String text) throws ExprSyntaxException {
    return parse(text.substring(1, text.length() - 1));
  }

  public static Expr parse(String body) throws ExprSyntaxException {
    ExprParser p = new ExprParser(body);
    p.skipWs();
    Expr e = p.expr();
    p.skipWs();
    if (p.pos != p.src.length()) throw p.error("unexpected '" + p.src.charAt(p.pos) + "'");
    return e;
  }

  private Expr expr() throws ExprSyntaxException {
    if (++depth > MAX_DEPTH) throw error(TOO_DEEP + MAX_DEPTH + " levels");
    try {
      Expr e = primary();
      while (true) {
        skipWs();
        if (peek('.')) {
          pos++;
          skipWs();
          String name = ident();
          e = new Expr.Member(e, name);
        } else if (peek('[')) {
          pos++;
          skipWs();
          Expr idx = expr();
          skipWs();
          expect(']');
          e = new Expr.Index(e, idx);
        } else {
          return e;
        }
      }
    } finally {
      depth--;
    }
  }

  private Expr primary() throws ExprSyntaxException {
    if (pos >= src.length()) throw error("unexpected end of expression");
    char c = src.charAt(pos);
    if (c == '\'') return string();
    if (c == '-' || Character.isDigit(c)) return number();
    if (Character.isLetter(c) || c == '_' || c == '$') {
      String name = ident();
      skipWs();
      // a namespaced user-defined function: ns.fn(...)
      if (peek('.')) {
        int save = pos;
        pos++;
        skipWs();
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
          String member = ident();
          skipWs();
          if (peek('(')) return call(name + "." + member);
        }
        pos = save;
      }
      if (peek('(')) return call(name);
      throw error("'" + name + "' is not a function call");
    }
    throw error("unexpected '" + c + "'");
  }

  private Expr call(String name) throws ExprSyntaxException {
    expect('(');
    List<Expr> args = new ArrayList<>();
    skipWs();
    if (peek(')')) {
      pos++;
      return new Expr.Call(name, args);
    }
    while (true) {
      skipWs();
      args.add(expr());
      skipWs();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(')');
      return new Expr.Call(name, args);
    }
  }

  private Expr string() throws ExprSyntaxException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) throw error("unterminated string");
      char c = src.charAt(pos++);
      if (c == '\'') {
        if (peek('\'')) {
          sb.append('\'');
          pos++;
        } else {
          return new Expr.StrLit(sb.toString());
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Expr number() throws ExprSyntaxException {
    int start = pos;
    if (peek('-')) pos++;
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
    try {
      return new Expr.NumLit(new BigDecimal(src.substring(start, pos)));
    } catch (NumberFormatException e) {
      throw error("bad number '" + src.substring(start, pos) + "'");
    }
  }

  private String ident() throws ExprSyntaxException {
    int start = pos;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$') pos++;
      else break;
    }
    if (start == pos) throw error("expected a name");
    return src.substring(start, pos);
  }

  private boolean peek(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private void expect(char c) throws ExprSyntaxException {
    if (!peek(c)) {
      throw error(pos >= src.length() ? "expected '" + c + "' before the end" : "expected '" + c + "' but found '" + src.charAt(pos) + "'");
    }
    pos++;
  }

  private void skipWs() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
  }

  private ExprSyntaxException error(String msg) {
    return new ExprSyntaxException(msg + " at character " + (pos + 2));
  }
}
