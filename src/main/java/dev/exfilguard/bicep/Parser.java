package dev.exfilguard.bicep;

import dev.exfilguard.bicep.Syntax.*;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser over the lexer's tokens, for the language as the Bicep compiler
 * accepts it (statements, decorators, expressions with Bicep's precedence, type expressions,
 * lambdas, loops, conditions, spreads and nested resources).
 *
 * <p>Line breaks separate statements, object properties and array items, and mean nothing inside
 * parentheses and type arguments; a stack of that setting decides whether {@link #peek()} skips
 * them. A binary operator, {@code ?} or {@code :} at the start of a line continues the
 * expression before it, as the compiler allows.
 *
 * <p>Every recursive entry point counts nesting and fails past {@link #MAX_DEPTH}, so hostile
 * input gets an error instead of a StackOverflowError.
 */
final class Parser {
  static final int MAX_DEPTH = 500;

  private final String file;
  private final List<Token> tokens;
  private int idx;
  private int depth;
  private int deepest;
  private boolean[] significant = new boolean[64];
  private int top;

  Parser(String file, List<Token> tokens) {
    this.file = file;
    this.tokens = tokens;
    significant[0] = true;
  }

  // ---------------------------------------------------------------- token access

  private void push(boolean newlinesMatter) {
    if (++top == significant.length) significant = java.util.Arrays.copyOf(significant, top * 2);
    significant[top] = newlinesMatter;
  }

  private void pop() {
    top--;
  }

  private int skip(int i) {
    if (!significant[top]) {
      while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
    }
    return i;
  }

  private Token peek() {
    return tokens.get(skip(idx));
  }

  private Token peek2() {
    int i = skip(idx);
    if (tokens.get(i).kind() == TokenKind.EOF) return tokens.get(i);
    return tokens.get(skip(i + 1));
  }

  private Token next() {
    idx = skip(idx);
    Token t = tokens.get(idx);
    if (t.kind() != TokenKind.EOF) idx++;
    return t;
  }

  private Token prev() {
    return tokens.get(idx - 1);
  }

  private boolean at(TokenKind k) {
    return peek().kind() == k;
  }

  private boolean atWord(String word) {
    Token t = peek();
    return t.kind() == TokenKind.IDENT && t.value().equals(word);
  }

  private void skipNewlines() {
    while (tokens.get(idx).kind() == TokenKind.NEWLINE) idx++;
  }

  /** True (and the line breaks consumed) when the next token after any line breaks is {@code k}. */
  private boolean continues(TokenKind k) {
    int i = idx;
    while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
    if (tokens.get(i).kind() != k) return false;
    idx = i;
    return true;
  }

  private Token expect(TokenKind k, String context) throws BicepParseException {
    Token t = peek();
    if (t.kind() != k) throw unexpected(t, "expected " + k.display + " " + context);
    return next();
  }

  private Token expectWord(String word, String context) throws BicepParseException {
    if (!atWord(word)) throw unexpected(peek(), "expected '" + word + "' " + context);
    return next();
  }

  private String ident(String context) throws BicepParseException {
    return expect(TokenKind.IDENT, context).value();
  }

  private BicepParseException unexpected(Token t, String reason) {
    if (t.kind() == TokenKind.EOF) return error(t.span(), "unexpected end of file: " + reason);
    return error(t.span(), reason + ", found " + t.describe());
  }

  private BicepParseException error(Span at, String reason) {
    return new BicepParseException(file, at.line(), at.column(), reason);
  }

  private Span from(Span start) {
    return Span.cover(start, prev().span());
  }

  private void enter(Token at) throws BicepParseException {
    deepest = Math.max(deepest, depth + 1);
    if (++depth > MAX_DEPTH) throw error(at.span(), "nesting too deep (limit " + MAX_DEPTH + " levels)");
  }

  private void leave() {
    depth--;
  }

  /** The error for running out of Java stack before reaching {@link #MAX_DEPTH}. */
  BicepParseException stackExhausted() {
    Token at = tokens.get(Math.min(idx, tokens.size() - 1));
    return error(at.span(), "nesting too deep for the available thread stack (depth " + deepest + ", limit " + MAX_DEPTH + " levels)");
  }

  // ---------------------------------------------------------------- statements

  Program parseProgram() throws BicepParseException {
    List<Stmt> out = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (at(TokenKind.EOF)) break;
      List<Decorator> decorators = decorators();
      out.add(statement(decorators));
      Token end = tokens.get(idx);
      if (end.kind() != TokenKind.NEWLINE && end.kind() != TokenKind.EOF) {
        throw unexpected(end, "expected a line break after the declaration");
      }
    }
    return new Program(file, out);
  }

  private List<Decorator> decorators() throws BicepParseException {
    List<Decorator> out = new ArrayList<>();
    while (at(TokenKind.AT)) {
      Token at = next();
      Expr e = postfix();
      if (!(e instanceof Call) && !(e instanceof MethodCall)) throw error(e.span(), "a decorator is a function call, as in @description('...')");
      out.add(new Decorator(e, from(at.span())));
      skipNewlines();
    }
    return out;
  }

  private Stmt statement(List<Decorator> decorators) throws BicepParseException {
    Token kw = peek();
    if (kw.kind() != TokenKind.IDENT) throw unexpected(kw, "expected a declaration (param, var, resource, module, output, ...)");
    Span s = kw.span();
    switch (kw.value()) {
      case "targetScope" -> {
        next();
        expect(TokenKind.ASSIGN, "after 'targetScope'");
        return new TargetScope(valueAfterAssign(), from(s));
      }
      case "metadata" -> {
        next();
        String name = ident("after 'metadata'");
        expect(TokenKind.ASSIGN, "after the metadata name");
        return new Metadata(decorators, name, valueAfterAssign(), from(s));
      }
      case "param" -> {
        next();
        String name = ident("after 'param'");
        TypeExpr type = null;
        if (!at(TokenKind.ASSIGN)) type = declarationType();
        Expr value = null;
        if (at(TokenKind.ASSIGN)) {
          next();
          value = valueAfterAssign();
        }
        return new Param(decorators, name, type, value, from(s));
      }
      case "var" -> {
        next();
        String name = ident("after 'var'");
        TypeExpr type = at(TokenKind.ASSIGN) ? null : type();
        expect(TokenKind.ASSIGN, "after the variable name");
        return new Var(decorators, name, type, valueAfterAssign(), from(s));
      }
      case "output" -> {
        next();
        String name = ident("after 'output'");
        TypeExpr type = declarationType();
        expect(TokenKind.ASSIGN, "after the output type");
        return new Output(decorators, name, type, valueAfterAssign(), from(s));
      }
      case "resource" -> {
        return resource(decorators);
      }
      case "module" -> {
        next();
        String name = ident("after 'module'");
        StrLit path = plainString("as the module path");
        expect(TokenKind.ASSIGN, "after the module path");
        return new ModuleDecl(decorators, name, path, declarationBody("module"), from(s));
      }
      case "type" -> {
        next();
        String name = ident("after 'type'");
        expect(TokenKind.ASSIGN, "after the type name");
        skipNewlines();
        return new TypeDecl(decorators, name, type(), from(s));
      }
      case "func" -> {
        next();
        String name = ident("after 'func'");
        expect(TokenKind.LPAREN, "to open the function's parameters");
        push(false);
        List<TypedParam> params = new ArrayList<>();
        while (!at(TokenKind.RPAREN)) {
          Token p = expect(TokenKind.IDENT, "as a parameter name");
          params.add(new TypedParam(p.value(), type(), from(p.span())));
          if (!at(TokenKind.RPAREN)) expect(TokenKind.COMMA, "between parameters");
        }
        expect(TokenKind.RPAREN, "to close the function's parameters");
        pop();
        TypeExpr result = type();
        expect(TokenKind.ARROW, "after the function's result type");
        skipNewlines();
        return new Func(decorators, name, params, result, expr(), from(s));
      }
      case "import" -> {
        return importDecl(decorators);
      }
      case "extension", "provider" -> {
        next();
        Token spec = next();
        if (spec.kind() != TokenKind.IDENT && spec.kind() != TokenKind.STRING) throw unexpected(spec, "expected the extension's name");
        return extensionRest(decorators, spec.value(), s);
      }
      case "using" -> {
        next();
        if (atWord("none")) {
          next();
          return new Using(null, from(s));
        }
        StrLit path = plainString("as the template that 'using' names");
        if (atWord("with")) {
          next();
          expr();
        }
        return new Using(path, from(s));
      }
      case "extends" -> {
        next();
        return new Extends(plainString("as the file that 'extends' names"), from(s));
      }
      case "assert" -> {
        next();
        ident("after 'assert'");
        expect(TokenKind.ASSIGN, "after the assertion's name");
        valueAfterAssign();
        return new Ignored(decorators, "assert", from(s));
      }
      case "test" -> {
        next();
        ident("after 'test'");
        plainString("as the tested file");
        expect(TokenKind.ASSIGN, "after the tested file");
        valueAfterAssign();
        return new Ignored(decorators, "test", from(s));
      }
      default -> throw unexpected(kw, "expected a declaration (param, var, resource, module, output, ...)");
    }
  }

  private Expr valueAfterAssign() throws BicepParseException {
    skipNewlines();
    return expr();
  }

  /** A parameter's or output's type: a type expression, or {@code resource 'type@version'}. */
  private TypeExpr declarationType() throws BicepParseException {
    if (atWord("resource") && peek2().kind() == TokenKind.STRING) {
      Token r = next();
      StrLit t = plainString("as the resource type");
      TypeExpr type = new TypeResource(t, from(r.span()));
      if (at(TokenKind.QUESTION)) {
        next();
        type = new TypeNullable(type, from(r.span()));
      }
      return type;
    }
    return type();
  }

  private ResourceDecl resource(List<Decorator> decorators) throws BicepParseException {
    Token kw = expectWord("resource", "");
    String name = ident("after 'resource'");
    StrLit type = plainString("as the resource type ('Provider/type@version')");
    boolean existing = false;
    if (atWord("existing")) {
      next();
      existing = true;
    }
    expect(TokenKind.ASSIGN, "after the resource type");
    return new ResourceDecl(decorators, name, type, existing, declarationBody("resource"), from(kw.span()));
  }

  /** A resource's or module's body: an object, {@code if (...) {...}}, or {@code [for ...]}. */
  private Expr declarationBody(String what) throws BicepParseException {
    skipNewlines();
    Token t = peek();
    if (t.kind() == TokenKind.LBRACE) return object();
    if (atWord("if")) return ifBody();
    if (t.kind() == TokenKind.LBRACK) {
      Expr e = arrayOrFor();
      if (!(e instanceof ForExpr)) throw error(e.span(), "a " + what + " body is an object, 'if (...) {...}' or '[for ...]'");
      return e;
    }
    throw unexpected(t, "expected the " + what + " body ('{', 'if' or '[for')");
  }

  private IfExpr ifBody() throws BicepParseException {
    Token kw = expectWord("if", "");
    expect(TokenKind.LPAREN, "after 'if'");
    push(false);
    Expr cond = expr();
    expect(TokenKind.RPAREN, "to close the condition");
    pop();
    skipNewlines();
    Expr body = expr();
    return new IfExpr(cond, body, from(kw.span()));
  }

  private Stmt importDecl(List<Decorator> decorators) throws BicepParseException {
    Token kw = expectWord("import", "");
    Span s = kw.span();
    if (at(TokenKind.STRING)) {
      // the older provider syntax: import 'az@1.0.0' [with {...}] [as name]
      return extensionRest(decorators, next().value(), s);
    }
    List<ImportItem> items = null;
    String wildcard = null;
    if (at(TokenKind.STAR)) {
      next();
      expectWord("as", "after 'import *'");
      wildcard = ident("after 'as'");
    } else if (at(TokenKind.LBRACE)) {
      next();
      push(false);
      items = new ArrayList<>();
      while (!at(TokenKind.RBRACE)) {
        Token n = next();
        if (n.kind() != TokenKind.IDENT && n.kind() != TokenKind.STRING) throw unexpected(n, "expected a name to import");
        String alias = null;
        if (atWord("as")) {
          next();
          alias = ident("after 'as'");
        }
        items.add(new ImportItem(n.value(), alias, from(n.span())));
        // items are separated by commas or line breaks
        if (at(TokenKind.COMMA)) next();
        else if (!at(TokenKind.RBRACE) && !at(TokenKind.IDENT) && !at(TokenKind.STRING)) {
          throw unexpected(peek(), "expected ',' or '}' in the import list");
        }
      }
      next();
      pop();
    } else {
      throw unexpected(peek(), "expected '{', '*' or a string after 'import'");
    }
    expectWord("from", "after the imported names");
    StrLit from = plainString("as the file to import from");
    return new Import(decorators, items == null ? null : items, wildcard, from, from(s));
  }

  private Extension extensionRest(List<Decorator> decorators, String spec, Span s) throws BicepParseException {
    Expr config = null;
    String alias = null;
    if (atWord("with")) {
      next();
      config = expr();
    }
    if (atWord("as")) {
      next();
      alias = ident("after 'as'");
    }
    return new Extension(decorators, spec, config, alias, from(s));
  }

  /** A string without interpolation, where the compiler needs one at compile time. */
  private StrLit plainString(String context) throws BicepParseException {
    Token t = peek();
    if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.MULTILINE) {
      next();
      return new StrLit(t.value(), t.span());
    }
    if (t.kind() == TokenKind.STRING_LEFT) throw error(t.span(), "a string " + context + " cannot use interpolation");
    throw unexpected(t, "expected a string " + context);
  }

  // ---------------------------------------------------------------- expressions

  Expr expr() throws BicepParseException {
    Token start = peek();
    enter(start);
    try {
      if (start.kind() == TokenKind.IDENT && peek2().kind() == TokenKind.ARROW) {
        next();
        next();
        skipNewlines();
        Expr body = expr();
        return new Lambda(List.of(start.value()), body, from(start.span()));
      }
      if (start.kind() == TokenKind.LPAREN && lambdaAhead()) return lambda();
      Expr cond = binary(0);
      if (continues(TokenKind.QUESTION)) {
        next();
        skipNewlines();
        Expr a = expr();
        if (!continues(TokenKind.COLON)) throw unexpected(peek(), "expected ':' in the conditional expression");
        next();
        skipNewlines();
        Expr b = expr();
        return new Ternary(cond, a, b, Span.cover(cond.span(), b.span()));
      }
      return cond;
    } finally {
      leave();
    }
  }

  /** {@code (a, b) => ...} or {@code () => ...} ahead, rather than a parenthesized expression. */
  private boolean lambdaAhead() {
    int i = skip(idx) + 1;
    while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
    if (tokens.get(i).kind() != TokenKind.RPAREN) {
      while (true) {
        if (tokens.get(i).kind() != TokenKind.IDENT) return false;
        i++;
        while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
        if (tokens.get(i).kind() == TokenKind.COMMA) {
          i++;
          while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
          continue;
        }
        if (tokens.get(i).kind() != TokenKind.RPAREN) return false;
        break;
      }
    }
    i++;
    while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
    return tokens.get(i).kind() == TokenKind.ARROW;
  }

  private Expr lambda() throws BicepParseException {
    Token open = next();
    push(false);
    List<String> params = new ArrayList<>();
    while (!at(TokenKind.RPAREN)) {
      params.add(ident("as a lambda parameter"));
      if (at(TokenKind.COMMA)) next();
    }
    next();
    pop();
    expect(TokenKind.ARROW, "after the lambda's parameters");
    skipNewlines();
    Expr body = expr();
    return new Lambda(params, body, from(open.span()));
  }

  /** Binary operators by precedence, lowest first (Bicep's operator table). */
  private static final TokenKind[][] LEVELS = {
    {TokenKind.COALESCE},
    {TokenKind.OR},
    {TokenKind.AND},
    {TokenKind.EQ, TokenKind.NEQ, TokenKind.EQI, TokenKind.NEQI},
    {TokenKind.LT, TokenKind.LTE, TokenKind.GT, TokenKind.GTE},
    {TokenKind.PLUS, TokenKind.MINUS},
    {TokenKind.STAR, TokenKind.SLASH, TokenKind.PERCENT},
  };

  /** The precedence level of a binary operator token, or -1. */
  private static int level(TokenKind k) {
    return LEVEL[k.ordinal()];
  }

  private static final int[] LEVEL = new int[TokenKind.values().length];

  static {
    java.util.Arrays.fill(LEVEL, -1);
    for (int l = 0; l < LEVELS.length; l++) for (TokenKind x : LEVELS[l]) LEVEL[x.ordinal()] = l;
  }

  /** The next binary operator, looking past line breaks for those that may start a line; null if none. */
  private TokenKind binaryOperator() {
    TokenKind k = peek().kind();
    if (level(k) >= 0) return k;
    if (k != TokenKind.NEWLINE) return null;
    int i = idx;
    while (tokens.get(i).kind() == TokenKind.NEWLINE) i++;
    TokenKind n = tokens.get(i).kind();
    // '+', '-', '*', '<' and '>' at a line's start begin the next item, not a continuation
    switch (n) {
      case COALESCE, OR, AND, EQ, NEQ, EQI, NEQI, LTE, GTE -> {
        idx = i;
        return n;
      }
      default -> {
        return null;
      }
    }
  }

  /** Precedence climbing: operators of level {@code min} and tighter, left-associative. */
  private Expr binary(int min) throws BicepParseException {
    Expr left = unary();
    int chain = 0;
    while (true) {
      int save = idx;
      TokenKind op = binaryOperator();
      if (op == null || level(op) < min) {
        idx = save;
        return left;
      }
      Token t = next();
      if (++chain + depth > MAX_DEPTH) throw error(t.span(), "expression too deeply nested (limit " + MAX_DEPTH + " levels)");
      skipNewlines();
      Expr right = binary(level(op) + 1);
      left = new Binary(t.value(), left, right, Span.cover(left.span(), right.span()));
    }
  }

  private Expr unary() throws BicepParseException {
    Token t = peek();
    if (t.kind() == TokenKind.BANG || t.kind() == TokenKind.MINUS || t.kind() == TokenKind.PLUS) {
      int ops = 0;
      List<Token> stack = new ArrayList<>();
      while (at(TokenKind.BANG) || at(TokenKind.MINUS) || at(TokenKind.PLUS)) {
        Token op = next();
        if (++ops + depth > MAX_DEPTH) throw error(op.span(), "expression too deeply nested (limit " + MAX_DEPTH + " levels)");
        stack.add(op);
      }
      Expr e = postfix();
      for (int i = stack.size() - 1; i >= 0; i--) {
        Token op = stack.get(i);
        e = new Unary(op.value(), e, Span.cover(op.span(), e.span()));
      }
      return e;
    }
    return postfix();
  }

  private Expr postfix() throws BicepParseException {
    Expr e = primary();
    int chain = 0;
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case DOT, DOT_SAFE -> {
          next();
          Token name = expect(TokenKind.IDENT, "after '" + t.value() + "'");
          if (t.kind() == TokenKind.DOT && at(TokenKind.LPAREN)) {
            List<Expr> args = arguments();
            e = new MethodCall(e, name.value(), args, Span.cover(e.span(), prev().span()));
          } else {
            e = new PropertyAccess(e, name.value(), t.kind() == TokenKind.DOT_SAFE, Span.cover(e.span(), name.span()));
          }
        }
        case LBRACK, LBRACK_SAFE -> {
          next();
          push(false);
          Expr index = expr();
          expect(TokenKind.RBRACK, "to close the index");
          pop();
          e = new IndexAccess(e, index, t.kind() == TokenKind.LBRACK_SAFE, Span.cover(e.span(), prev().span()));
        }
        case DOUBLE_COLON -> {
          next();
          Token name = expect(TokenKind.IDENT, "after '::'");
          e = new ChildAccess(e, name.value(), Span.cover(e.span(), name.span()));
        }
        case BANG -> {
          next();
          e = new NonNull(e, Span.cover(e.span(), t.span()));
        }
        default -> {
          return e;
        }
      }
      if (++chain + depth > MAX_DEPTH) throw error(t.span(), "expression too deeply nested (limit " + MAX_DEPTH + " levels)");
    }
  }

  private List<Expr> arguments() throws BicepParseException {
    expect(TokenKind.LPAREN, "to open the arguments");
    push(false);
    List<Expr> args = new ArrayList<>();
    while (!at(TokenKind.RPAREN)) {
      args.add(expr());
      if (at(TokenKind.COMMA)) next();
      else if (!at(TokenKind.RPAREN)) throw unexpected(peek(), "expected ',' or ')' in the arguments");
    }
    next();
    pop();
    return args;
  }

  private Expr primary() throws BicepParseException {
    Token t = peek();
    switch (t.kind()) {
      case INT -> {
        next();
        return new IntLit(new BigInteger(t.value()), t.span());
      }
      case STRING, MULTILINE -> {
        next();
        return new StrLit(t.value(), t.span());
      }
      case STRING_LEFT -> {
        return interpolation();
      }
      case IDENT -> {
        next();
        switch (t.value()) {
          case "true":
            return new BoolLit(true, t.span());
          case "false":
            return new BoolLit(false, t.span());
          case "null":
            return new NullLit(t.span());
          default:
            break;
        }
        if (at(TokenKind.LPAREN)) {
          List<Expr> args = arguments();
          return new Call(t.value(), args, from(t.span()));
        }
        return new Ident(t.value(), t.span());
      }
      case LPAREN -> {
        next();
        push(false);
        Expr inner = expr();
        expect(TokenKind.RPAREN, "to close the parenthesis");
        pop();
        return inner;
      }
      case LBRACE -> {
        return object();
      }
      case LBRACK -> {
        return arrayOrFor();
      }
      default -> throw unexpected(t, "expected an expression");
    }
  }

  private Expr interpolation() throws BicepParseException {
    Token first = next();
    List<String> parts = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    parts.add(first.value());
    push(false);
    while (true) {
      values.add(expr());
      Token piece = next();
      if (piece.kind() == TokenKind.STRING_MIDDLE) {
        parts.add(piece.value());
      } else if (piece.kind() == TokenKind.STRING_RIGHT) {
        parts.add(piece.value());
        break;
      } else {
        throw unexpected(piece, "expected '}' to close the interpolation");
      }
    }
    pop();
    return new Interp(parts, values, from(first.span()));
  }

  private Expr object() throws BicepParseException {
    Token open = expect(TokenKind.LBRACE, "");
    push(true);
    try {
      List<Member> members = new ArrayList<>();
      while (true) {
        while (at(TokenKind.NEWLINE) || at(TokenKind.COMMA)) next();
        Token t = peek();
        if (t.kind() == TokenKind.RBRACE) break;
        if (t.kind() == TokenKind.ELLIPSIS) {
          next();
          Expr v = expr();
          members.add(new Spread(v, from(t.span())));
        } else if (t.kind() == TokenKind.AT || (t.kind() == TokenKind.IDENT && t.value().equals("resource")
            && peek2().kind() == TokenKind.IDENT)) {
          List<Decorator> decorators = decorators();
          members.add(new NestedResource(resource(decorators)));
        } else {
          Expr key = propertyKey();
          expect(TokenKind.COLON, "after the property name");
          skipNewlines();
          Expr v = expr();
          members.add(new Property(key, v, Span.cover(key.span(), v.span())));
        }
        Token after = peek();
        if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.COMMA && after.kind() != TokenKind.RBRACE) {
          throw unexpected(after, "expected a line break, ',' or '}' after the property");
        }
      }
      next();
      return new ObjectExpr(members, from(open.span()));
    } finally {
      pop();
    }
  }

  private Expr propertyKey() throws BicepParseException {
    Token t = peek();
    if (t.kind() == TokenKind.IDENT || t.kind() == TokenKind.STRING || t.kind() == TokenKind.MULTILINE) {
      next();
      return new StrLit(t.value(), t.span());
    }
    if (t.kind() == TokenKind.STRING_LEFT) return interpolation();
    throw unexpected(t, "expected a property name");
  }

  private Expr arrayOrFor() throws BicepParseException {
    Token open = expect(TokenKind.LBRACK, "");
    push(true);
    try {
      skipNewlines();
      if (atWord("for")) return forRest(open);
      List<ArrayItem> items = new ArrayList<>();
      while (true) {
        while (at(TokenKind.NEWLINE) || at(TokenKind.COMMA)) next();
        Token t = peek();
        if (t.kind() == TokenKind.RBRACK) break;
        boolean spread = false;
        if (t.kind() == TokenKind.ELLIPSIS) {
          next();
          spread = true;
        }
        Expr v = expr();
        items.add(new ArrayItem(v, spread, from(t.span())));
        Token after = peek();
        if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.COMMA && after.kind() != TokenKind.RBRACK) {
          throw unexpected(after, "expected a line break, ',' or ']' after the array item");
        }
      }
      next();
      return new ArrayExpr(items, from(open.span()));
    } finally {
      pop();
    }
  }

  private Expr forRest(Token open) throws BicepParseException {
    next(); // for
    String item;
    String index = null;
    if (at(TokenKind.LPAREN)) {
      next();
      item = ident("as the loop's item variable");
      expect(TokenKind.COMMA, "between the item and index variables");
      index = ident("as the loop's index variable");
      expect(TokenKind.RPAREN, "after the loop variables");
    } else {
      item = ident("as the loop variable");
    }
    expectWord("in", "after the loop variable");
    Expr iterable = expr();
    expect(TokenKind.COLON, "after the loop's collection");
    skipNewlines();
    Expr body = atWord("if") ? ifBody() : expr();
    skipNewlines();
    expect(TokenKind.RBRACK, "to close the loop");
    return new ForExpr(item, index, iterable, body, from(open.span()));
  }

  // ---------------------------------------------------------------- types

  TypeExpr type() throws BicepParseException {
    Token start = peek();
    enter(start);
    try {
      if (at(TokenKind.PIPE)) next();
      TypeExpr first = postfixType();
      if (!continues(TokenKind.PIPE)) return first;
      List<TypeExpr> members = new ArrayList<>(List.of(first));
      while (continues(TokenKind.PIPE)) {
        next();
        skipNewlines();
        members.add(postfixType());
      }
      return new TypeUnion(members, Span.cover(first.span(), members.get(members.size() - 1).span()));
    } finally {
      leave();
    }
  }

  private TypeExpr postfixType() throws BicepParseException {
    TypeExpr t = primaryType();
    while (true) {
      Token n = peek();
      if (n.kind() == TokenKind.LBRACK) {
        next();
        if (at(TokenKind.RBRACK)) {
          next();
          t = new TypeArray(t, Span.cover(t.span(), prev().span()));
        } else if (at(TokenKind.STAR)) {
          next();
          expect(TokenKind.RBRACK, "after '[*'");
          t = new TypeIndex(t, null, Span.cover(t.span(), prev().span()));
        } else {
          Token i = expect(TokenKind.INT, "as a tuple index");
          expect(TokenKind.RBRACK, "after the tuple index");
          t = new TypeIndex(t, Integer.valueOf(i.value()), Span.cover(t.span(), prev().span()));
        }
      } else if (n.kind() == TokenKind.QUESTION) {
        next();
        t = new TypeNullable(t, Span.cover(t.span(), n.span()));
      } else if (n.kind() == TokenKind.DOT) {
        next();
        if (at(TokenKind.STAR)) {
          next();
          t = new TypeIndex(t, null, Span.cover(t.span(), prev().span()));
        } else {
          Token p = expect(TokenKind.IDENT, "after '.' in the type");
          t = new TypeAccess(t, p.value(), Span.cover(t.span(), p.span()));
        }
      } else {
        return t;
      }
    }
  }

  private TypeExpr primaryType() throws BicepParseException {
    Token t = peek();
    switch (t.kind()) {
      case IDENT -> {
        next();
        switch (t.value()) {
          case "true":
            return new TypeLiteral(new BoolLit(true, t.span()), t.span());
          case "false":
            return new TypeLiteral(new BoolLit(false, t.span()), t.span());
          case "null":
            return new TypeLiteral(new NullLit(t.span()), t.span());
          case "resource":
            if (at(TokenKind.STRING)) return new TypeResource(plainString("as the resource type"), from(t.span()));
            break;
          default:
            break;
        }
        if (at(TokenKind.LT)) {
          next();
          push(false);
          List<TypeExpr> args = new ArrayList<>();
          while (!at(TokenKind.GT)) {
            args.add(type());
            if (at(TokenKind.COMMA)) next();
            else if (!at(TokenKind.GT)) throw unexpected(peek(), "expected ',' or '>' in the type arguments");
          }
          next();
          pop();
          return new TypeGeneric(t.value(), args, from(t.span()));
        }
        return new TypeRef(t.value(), t.span());
      }
      case STRING, MULTILINE -> {
        next();
        return new TypeLiteral(new StrLit(t.value(), t.span()), t.span());
      }
      case STRING_LEFT -> throw error(t.span(), "a string type cannot use interpolation");
      case INT -> {
        next();
        return new TypeLiteral(new IntLit(new BigInteger(t.value()), t.span()), t.span());
      }
      case MINUS -> {
        next();
        Token i = expect(TokenKind.INT, "after '-' in a literal type");
        Span s = from(t.span());
        return new TypeLiteral(new IntLit(new BigInteger(i.value()).negate(), s), s);
      }
      case LPAREN -> {
        next();
        push(false);
        TypeExpr inner = type();
        expect(TokenKind.RPAREN, "to close the parenthesized type");
        pop();
        return inner;
      }
      case LBRACE -> {
        return objectType();
      }
      case LBRACK -> {
        return tupleType();
      }
      default -> throw unexpected(t, "expected a type");
    }
  }

  private TypeExpr objectType() throws BicepParseException {
    Token open = next();
    push(true);
    try {
      List<TypeProperty> props = new ArrayList<>();
      TypeProperty additional = null;
      while (true) {
        while (at(TokenKind.NEWLINE) || at(TokenKind.COMMA)) next();
        if (at(TokenKind.RBRACE)) break;
        List<Decorator> decorators = decorators();
        Token k = next();
        String name;
        if (k.kind() == TokenKind.IDENT || k.kind() == TokenKind.STRING || k.kind() == TokenKind.MULTILINE) name = k.value();
        else if (k.kind() == TokenKind.STAR) name = "*";
        else throw unexpected(k, "expected a property name in the object type");
        expect(TokenKind.COLON, "after the property name");
        skipNewlines();
        TypeExpr type = type();
        TypeProperty p = new TypeProperty(decorators, name, type, from(k.span()));
        if (name.equals("*") && k.kind() == TokenKind.STAR) additional = p;
        else props.add(p);
        Token after = peek();
        if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.COMMA && after.kind() != TokenKind.RBRACE) {
          throw unexpected(after, "expected a line break, ',' or '}' after the property type");
        }
      }
      next();
      return new TypeObject(props, additional, from(open.span()));
    } finally {
      pop();
    }
  }

  private TypeExpr tupleType() throws BicepParseException {
    Token open = next();
    push(true);
    try {
      List<TypeProperty> items = new ArrayList<>();
      while (true) {
        while (at(TokenKind.NEWLINE) || at(TokenKind.COMMA)) next();
        if (at(TokenKind.RBRACK)) break;
        Token s = peek();
        List<Decorator> decorators = decorators();
        TypeExpr type = type();
        items.add(new TypeProperty(decorators, String.valueOf(items.size()), type, from(s.span())));
        Token after = peek();
        if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.COMMA && after.kind() != TokenKind.RBRACK) {
          throw unexpected(after, "expected a line break, ',' or ']' after the tuple item");
        }
      }
      next();
      return new TypeTuple(items, from(open.span()));
    } finally {
      pop();
    }
  }
}
