package dev.exfilguard.hcl;

import dev.exfilguard.hcl.ObjectCons.ObjectItem;
import dev.exfilguard.hcl.TemplateAssembler.DirectiveKind;
import dev.exfilguard.hcl.Traverser.GetAttr;
import dev.exfilguard.hcl.Traverser.IndexStep;
import dev.exfilguard.hcl.Traverser.LegacyIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser over the lexer's tokens, following hclsyntax/spec.md.
 *
 * <p>Newlines are significant in bodies and object constructors (they end attributes and
 * items) but not inside parentheses, brackets, for-expressions and template sequences; a
 * stack of that setting decides whether {@link #peek()} skips NEWLINE tokens.
 *
 * <p>Every recursive entry point counts nesting depth and fails past {@link #MAX_DEPTH}, so
 * hostile input gets an error instead of a StackOverflowError.
 */
final class Parser {

  static final int MAX_DEPTH = 500;

  private final String file;
  private final String src;
  private final List<Token> tokens;
  private int idx;
  private int depth;
  private boolean[] newlineStack = new boolean[64];
  private int newlineTop;

  Parser(String file, String src, List<Token> tokens) {
    this.file = file;
    this.src = src;
    this.tokens = tokens;
    newlineStack[0] = true;
  }

  // ---------------------------------------------------------------- token access

  private boolean newlinesSignificant() {
    return newlineStack[newlineTop];
  }

  private void pushNewlines(boolean significant) {
    if (++newlineTop == newlineStack.length) {
      newlineStack = java.util.Arrays.copyOf(newlineStack, newlineStack.length * 2);
    }
    newlineStack[newlineTop] = significant;
  }

  private void popNewlines() {
    newlineTop--;
  }

  private int skipIndex(int i) {
    if (!newlinesSignificant()) {
      while (tokens.get(i).kind() == TokenKind.NEWLINE) {
        i++;
      }
    }
    return i;
  }

  private Token peek() {
    return tokens.get(skipIndex(idx));
  }

  /** The token after {@link #peek()}, with the same newline rule. */
  private Token peek2() {
    int i = skipIndex(idx);
    if (tokens.get(i).kind() == TokenKind.EOF) {
      return tokens.get(i);
    }
    return tokens.get(skipIndex(i + 1));
  }

  private Token next() {
    idx = skipIndex(idx);
    Token t = tokens.get(idx);
    if (t.kind() != TokenKind.EOF) {
      idx++;
    }
    return t;
  }

  /** The last consumed token; ranges end where it ends. */
  private Token prev() {
    return tokens.get(idx - 1);
  }

  private boolean at(TokenKind k) {
    return peek().kind() == k;
  }

  private Token expect(TokenKind k, String context) throws HclParseException {
    Token t = peek();
    if (t.kind() != k) {
      throw unexpected(t, "expected " + k.display + " " + context);
    }
    return next();
  }

  private HclParseException unexpected(Token t, String reason) {
    if (t.kind() == TokenKind.EOF) {
      return error(t.start(), "unexpected end of file: " + reason);
    }
    return error(t.start(), reason + ", found " + t.describe());
  }

  private HclParseException error(Pos at, String reason) {
    return new HclParseException(file, at, reason);
  }

  private Range range(Pos start) {
    return new Range(file, start, prev().end());
  }

  private String text(Pos start) {
    return src.substring(start.offset(), prev().end().offset());
  }

  /** The error for running out of Java stack before reaching {@link #MAX_DEPTH}. */
  HclParseException stackExhausted() {
    Token at = tokens.get(Math.min(idx, tokens.size() - 1));
    return error(at.start(), "nesting too deep for the available thread stack (depth " + depth
        + ", limit " + MAX_DEPTH + " levels)");
  }

  private void enter(Token at) throws HclParseException {
    if (++depth > MAX_DEPTH) {
      throw error(at.start(), "nesting too deep (limit " + MAX_DEPTH + " levels)");
    }
  }

  private void leave() {
    depth--;
  }

  // ---------------------------------------------------------------- bodies

  Body parseFile() throws HclParseException {
    Pos start = tokens.get(0).start();
    Body body = parseBodyItems(null);
    Token eof = next();
    return new Body(body.attributes(), body.blocks(), new Range(file, start, eof.end()));
  }

  /**
   * Reads attributes and blocks up to EOF (top level) or up to, but not including, the
   * closing brace of {@code open}.
   */
  private Body parseBodyItems(Token open) throws HclParseException {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    Map<String, Attribute> seen = new HashMap<>();
    Pos start = open == null ? tokens.get(0).start() : open.end();
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case NEWLINE -> next();
        case EOF -> {
          if (open != null) {
            throw error(t.start(), "unclosed block started at line " + open.start().line()
                + ": missing '}' (the '{' is at line " + open.start().line() + ", column " + open.start().column() + ")");
          }
          return new Body(attributes, blocks, new Range(file, start, t.start()));
        }
        case RBRACE -> {
          if (open == null) {
            throw error(t.start(), "unexpected '}' with no open block");
          }
          return new Body(attributes, blocks, new Range(file, start, t.start()));
        }
        case IDENT -> {
          Object item = parseBodyItem();
          if (item instanceof Attribute a) {
            Attribute earlier = seen.putIfAbsent(a.name(), a);
            if (earlier != null) {
              throw error(a.nameRange().start(), "attribute '" + a.name() + "' is already defined at line "
                  + earlier.nameRange().start().line());
            }
            attributes.add(a);
          } else {
            blocks.add((Block) item);
          }
          Token end = peek();
          if (end.kind() != TokenKind.NEWLINE && end.kind() != TokenKind.EOF) {
            String what = item instanceof Attribute ? "attribute value" : "block";
            throw unexpected(end, "expected a newline after the " + what);
          }
        }
        default -> throw unexpected(t, "expected an attribute name or block type");
      }
    }
  }

  /** One attribute or block, starting at its identifier; returns Attribute or Block. */
  private Object parseBodyItem() throws HclParseException {
    Token name = next();
    Range nameRange = new Range(file, name.start(), name.end());
    Token t = peek();
    if (t.kind() == TokenKind.EQUAL) {
      next();
      Expression e = parseExpression();
      return new Attribute(name.text(), e, range(name.start()), nameRange);
    }
    if (t.kind() != TokenKind.IDENT && t.kind() != TokenKind.OQUOTE && t.kind() != TokenKind.LBRACE) {
      throw error(t.kind() == TokenKind.EOF ? name.end() : t.start(),
          "expected '=' or block after '" + name.text() + "'");
    }
    enter(name);
    List<String> labels = new ArrayList<>();
    List<Range> labelRanges = new ArrayList<>();
    while (!at(TokenKind.LBRACE)) {
      Token l = peek();
      if (l.kind() == TokenKind.IDENT) {
        next();
        labels.add(l.text());
        labelRanges.add(new Range(file, l.start(), l.end()));
      } else if (l.kind() == TokenKind.OQUOTE) {
        labels.add(parseLabelString());
        labelRanges.add(range(l.start()));
      } else {
        throw unexpected(l, "expected a block label or '{' in block '" + name.text() + "'");
      }
    }
    Token open = next();
    Body body;
    Token first = tokens.get(idx);
    if (first.kind() == TokenKind.NEWLINE || first.kind() == TokenKind.RBRACE || first.kind() == TokenKind.EOF) {
      body = parseBodyItems(open);
    } else {
      body = parseSingleLineBody(open);
    }
    Token close = expect(TokenKind.RBRACE, "to close the block started at line " + name.start().line());
    leave();
    Body withRange = new Body(body.attributes(), body.blocks(), new Range(file, open.start(), close.end()));
    return new Block(name.text(), labels, withRange, range(name.start()), labelRanges);
  }

  /** {@code a { b = 1 }}: at most one attribute and no nested block, as the spec requires. */
  private Body parseSingleLineBody(Token open) throws HclParseException {
    Token name = peek();
    if (name.kind() != TokenKind.IDENT) {
      throw unexpected(name, "expected an attribute name or a newline after '{'");
    }
    Object item = parseBodyItem();
    if (!(item instanceof Attribute a)) {
      throw error(name.start(), "a single-line block can only contain one attribute, not a nested block");
    }
    Token t = peek();
    if (t.kind() == TokenKind.NEWLINE) {
      throw error(t.start(), "a single-line block must close on the same line: missing '}'");
    }
    if (t.kind() != TokenKind.RBRACE) {
      throw unexpected(t, "expected '}' to close the single-line block");
    }
    return new Body(List.of(a), List.of(), new Range(file, open.end(), t.start()));
  }

  private String parseLabelString() throws HclParseException {
    Token open = next();
    StringBuilder sb = new StringBuilder();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case QUOTED_LIT -> sb.append(Escapes.decodeQuoted(file, t.text(), t.start()));
        case CQUOTE -> {
          return sb.toString();
        }
        case TEMPLATE_INTERP, TEMPLATE_CONTROL ->
            throw error(t.start(), "block labels cannot contain template sequences");
        default -> throw error(open.start(), "unterminated string");
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  Expression parseExpression() throws HclParseException {
    Token first = peek();
    enter(first);
    Expression cond = parseBinaryOps();
    Expression result = cond;
    if (at(TokenKind.QUESTION)) {
      next();
      Expression t = parseExpression();
      expect(TokenKind.COLON, "in conditional expression (after the true result)");
      Expression f = parseExpression();
      Pos start = cond.range().start();
      result = new ConditionalExpr(cond, t, f, range(start), text(start));
    }
    leave();
    return result;
  }

  /** Binary precedence levels, loosest first. */
  private static int level(TokenKind k) {
    return switch (k) {
      case OR -> 0;
      case AND -> 1;
      case EQEQ, NOTEQ -> 2;
      case LT, GT, LTE, GTE -> 3;
      case PLUS, MINUS -> 4;
      case STAR, SLASH, PERCENT -> 5;
      default -> -1;
    };
  }

  /**
   * Operator precedence by shunting-yard rather than one recursive method per level: that
   * keeps the Java stack shallow per nesting level, so the depth limit is reached long
   * before the stack runs out.
   */
  private Expression parseBinaryOps() throws HclParseException {
    List<Expression> operands = new ArrayList<>();
    List<Token> ops = new ArrayList<>();
    operands.add(parseUnary());
    int count = 0;
    while (level(peek().kind()) >= 0) {
      Token op = next();
      // A chain of n operators can build a tree n deep (1 + 1 + ... leans left); bound it
      // like nesting, since consumers of the tree recurse over it.
      if (depth + ++count > MAX_DEPTH) {
        throw error(op.start(), "expression too deeply nested (limit " + MAX_DEPTH + " levels)");
      }
      int lvl = level(op.kind());
      while (!ops.isEmpty() && level(ops.get(ops.size() - 1).kind()) >= lvl) {
        reduce(operands, ops);
      }
      ops.add(op);
      operands.add(parseUnary());
    }
    while (!ops.isEmpty()) {
      reduce(operands, ops);
    }
    return operands.get(0);
  }

  private void reduce(List<Expression> operands, List<Token> ops) {
    Expression right = operands.remove(operands.size() - 1);
    Expression left = operands.remove(operands.size() - 1);
    Token op = ops.remove(ops.size() - 1);
    Pos start = left.range().start();
    Pos end = right.range().end();
    operands.add(new BinaryOp(op.text(), left, right, new Range(file, start, end),
        src.substring(start.offset(), end.offset())));
  }

  private Expression parseUnary() throws HclParseException {
    Token t = peek();
    if (t.kind() == TokenKind.MINUS || t.kind() == TokenKind.BANG) {
      next();
      enter(t);
      Expression operand = parseUnary();
      leave();
      return new UnaryOp(t.text(), operand, range(t.start()), text(t.start()));
    }
    return parsePostfix(parseTerm());
  }

  private Expression parseTerm() throws HclParseException {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        next();
        return new LiteralValue(new BigDecimal(t.text()), range(t.start()), t.text());
      }
      case IDENT -> {
        return parseIdentifierTerm();
      }
      case OQUOTE -> {
        return parseTemplate();
      }
      case OHEREDOC -> {
        return parseHeredoc();
      }
      case LPAREN -> {
        next();
        pushNewlines(false);
        Expression inner = parseExpression();
        expect(TokenKind.RPAREN, "to close '(' at line " + t.start().line());
        popNewlines();
        return new Parenthesized(inner, range(t.start()), text(t.start()));
      }
      case LBRACK -> {
        return parseTupleOrFor();
      }
      case LBRACE -> {
        return parseObjectOrFor();
      }
      default -> throw unexpected(t, "expected an expression");
    }
  }

  private Expression parseIdentifierTerm() throws HclParseException {
    Token t = next();
    switch (t.text()) {
      case "true" -> {
        return new LiteralValue(Boolean.TRUE, range(t.start()), t.text());
      }
      case "false" -> {
        return new LiteralValue(Boolean.FALSE, range(t.start()), t.text());
      }
      case "null" -> {
        return new LiteralValue(null, range(t.start()), t.text());
      }
      default -> { }
    }
    StringBuilder name = new StringBuilder(t.text());
    while (at(TokenKind.DOUBLE_COLON)) {
      next();
      Token part = peek();
      if (part.kind() != TokenKind.IDENT) {
        throw unexpected(part, "expected a function name after '::'");
      }
      next();
      name.append("::").append(part.text());
    }
    if (at(TokenKind.LPAREN)) {
      return parseCallArgs(t, name.toString());
    }
    if (name.indexOf("::") >= 0) {
      throw unexpected(peek(), "expected '(' after namespaced function name '" + name + "'");
    }
    return new ScopeTraversal(t.text(), List.of(), range(t.start()), t.text());
  }

  private Expression parseCallArgs(Token nameTok, String name) throws HclParseException {
    Token open = next();
    pushNewlines(false);
    List<Expression> args = new ArrayList<>();
    boolean expand = false;
    while (!at(TokenKind.RPAREN)) {
      args.add(parseExpression());
      if (at(TokenKind.ELLIPSIS)) {
        next();
        expand = true;
        if (at(TokenKind.COMMA)) {
          next();
        }
        if (!at(TokenKind.RPAREN)) {
          throw unexpected(peek(), "expected ')' after the expanded final argument '...'");
        }
        break;
      }
      if (at(TokenKind.COMMA)) {
        next();
      } else if (!at(TokenKind.RPAREN)) {
        throw unexpected(peek(), "expected ',' or ')' in arguments of '" + name + "' (opened at line "
            + open.start().line() + ")");
      }
    }
    next();
    popNewlines();
    return new FunctionCall(name, args, expand, range(nameTok.start()), text(nameTok.start()));
  }

  /**
   * Attribute access, indexing and splats after a term. Steps after a bare variable stay in
   * one {@link ScopeTraversal}; after anything else each step wraps the expression.
   */
  private Expression parsePostfix(Expression term) throws HclParseException {
    Expression e = term;
    String root = term instanceof ScopeTraversal st ? st.root() : null;
    List<Traverser> steps = new ArrayList<>();
    int wraps = 0;
    while (true) {
      Token t = peek();
      boolean splat = false;
      boolean legacySplat = false;
      Traverser step = null;
      if (t.kind() == TokenKind.DOT) {
        Token after = peek2();
        if (after.kind() == TokenKind.STAR) {
          next();
          next();
          splat = true;
          legacySplat = true;
        } else {
          step = parseDotStep();
        }
      } else if (t.kind() == TokenKind.LBRACK) {
        if (peek2().kind() == TokenKind.STAR) {
          next();
          next();
          expect(TokenKind.RBRACK, "to close '[*'");
          splat = true;
        } else {
          step = parseIndexStep();
        }
      } else {
        break;
      }
      if (root != null && !splat) {
        steps.add(step);
        continue;
      }
      if (root != null) {
        e = finishTraversal(root, steps, term.range().start());
        root = null;
      }
      if (++wraps + depth > MAX_DEPTH) {
        throw error(t.start(), "expression too deeply nested (limit " + MAX_DEPTH + " levels)");
      }
      Pos start = term.range().start();
      if (splat) {
        e = new SplatExpr(e, parseSplatSteps(legacySplat), legacySplat, range(start), text(start));
      } else if (step instanceof GetAttr ga) {
        e = new GetAttrExpr(e, ga.name(), range(start), text(start));
      } else if (step instanceof IndexStep is) {
        e = new IndexExpr(e, is.key(), range(start), text(start));
      } else {
        // The key is the number after the dot, with its own range.
        LegacyIndex li = (LegacyIndex) step;
        Pos dot = li.range().start();
        Range numRange = new Range(file, new Pos(dot.line(), dot.column() + 1, dot.offset() + 1), li.range().end());
        Expression key = new LiteralValue(BigDecimal.valueOf(li.index()), numRange,
            src.substring(numRange.start().offset(), numRange.end().offset()));
        e = new IndexExpr(e, key, range(start), text(start));
      }
    }
    if (root != null && !steps.isEmpty()) {
      return finishTraversal(root, steps, term.range().start());
    }
    return e;
  }

  /** The traversal ending at the last step, not at whatever token was consumed after it. */
  private ScopeTraversal finishTraversal(String root, List<Traverser> steps, Pos start) {
    Pos end = steps.isEmpty() ? new Pos(start.line(), start.column() + root.length(), start.offset() + root.length())
        : steps.get(steps.size() - 1).range().end();
    return new ScopeTraversal(root, steps, new Range(file, start, end), src.substring(start.offset(), end.offset()));
  }

  private Traverser parseDotStep() throws HclParseException {
    Token dot = next();
    Token t = peek();
    if (t.kind() == TokenKind.IDENT) {
      next();
      return new GetAttr(t.text(), range(dot.start()));
    }
    if (t.kind() == TokenKind.NUMBER) {
      next();
      if (!t.text().chars().allMatch(Character::isDigit)) {
        throw error(t.start(), "invalid legacy index '." + t.text() + "': chained legacy indexes are not "
            + "allowed, write them as [n][m]");
      }
      try {
        return new LegacyIndex(Integer.parseInt(t.text()), range(dot.start()));
      } catch (NumberFormatException ex) {
        throw error(t.start(), "legacy index '." + t.text() + "' is too large");
      }
    }
    throw unexpected(t, "expected an attribute name after '.'");
  }

  private Traverser parseIndexStep() throws HclParseException {
    Token open = next();
    pushNewlines(false);
    Expression key = parseExpression();
    expect(TokenKind.RBRACK, "to close '[' at line " + open.start().line());
    popNewlines();
    return new IndexStep(key, range(open.start()));
  }

  /** The per-element steps after a splat, up to the next splat or non-step token. */
  private List<Traverser> parseSplatSteps(boolean legacy) throws HclParseException {
    List<Traverser> each = new ArrayList<>();
    while (true) {
      Token t = peek();
      Token after = peek2();
      if (t.kind() == TokenKind.DOT && after.kind() != TokenKind.STAR) {
        if (legacy && after.kind() != TokenKind.IDENT) {
          break;
        }
        each.add(parseDotStep());
      } else if (!legacy && t.kind() == TokenKind.LBRACK && after.kind() != TokenKind.STAR) {
        each.add(parseIndexStep());
      } else {
        return each;
      }
    }
    return each;
  }

  private Expression parseTupleOrFor() throws HclParseException {
    Token open = next();
    pushNewlines(false);
    Expression result;
    if (peek().isKeyword("for") && peek2().kind() == TokenKind.IDENT) {
      result = parseForBody(open, false);
    } else {
      List<Expression> items = new ArrayList<>();
      while (!at(TokenKind.RBRACK)) {
        items.add(parseExpression());
        if (at(TokenKind.COMMA)) {
          next();
        } else if (!at(TokenKind.RBRACK)) {
          throw unexpected(peek(), "expected ',' or ']' in the list opened at line " + open.start().line());
        }
      }
      next();
      result = new TupleCons(items, range(open.start()), text(open.start()));
    }
    popNewlines();
    return result;
  }

  private Expression parseObjectOrFor() throws HclParseException {
    Token open = next();
    // A for expression may start on the line after the brace, so look past newlines here.
    pushNewlines(false);
    if (peek().isKeyword("for") && peek2().kind() == TokenKind.IDENT) {
      Expression f = parseForBody(open, true);
      popNewlines();
      return f;
    }
    popNewlines();
    pushNewlines(true);
    List<ObjectItem> items = new ArrayList<>();
    while (true) {
      while (at(TokenKind.NEWLINE)) {
        next();
      }
      if (at(TokenKind.RBRACE)) {
        break;
      }
      Expression key = parseExpression();
      if (key instanceof ScopeTraversal st && st.steps().isEmpty()) {
        key = new ObjectKey(st.root(), st.range(), st.sourceText());
      }
      Token sep = peek();
      if (sep.kind() != TokenKind.EQUAL && sep.kind() != TokenKind.COLON) {
        throw unexpected(sep, "expected '=' or ':' after the object key");
      }
      next();
      Expression value = parseExpression();
      items.add(new ObjectItem(key, value));
      Token t = peek();
      if (t.kind() == TokenKind.COMMA || t.kind() == TokenKind.NEWLINE) {
        next();
      } else if (t.kind() != TokenKind.RBRACE) {
        throw unexpected(t, "expected ',', newline or '}' after the object item (object opened at line "
            + open.start().line() + ")");
      }
    }
    next();
    popNewlines();
    return new ObjectCons(items, range(open.start()), text(open.start()));
  }

  /** After {@code [} or {@code {}, at the {@code for} keyword; consumes the closing bracket. */
  private Expression parseForBody(Token open, boolean object) throws HclParseException {
    next();
    Token v1 = expect(TokenKind.IDENT, "after 'for'");
    String keyVar = null;
    String valueVar = v1.text();
    if (at(TokenKind.COMMA)) {
      next();
      keyVar = v1.text();
      valueVar = expect(TokenKind.IDENT, "after ',' in for expression").text();
    }
    Token in = peek();
    if (!in.isKeyword("in")) {
      throw unexpected(in, "expected 'in' in for expression");
    }
    next();
    Expression coll = parseExpression();
    expect(TokenKind.COLON, "after the collection of the for expression");
    Expression keyExpr = null;
    if (object) {
      keyExpr = parseExpression();
      expect(TokenKind.FAT_ARROW, "after the key of an object for expression");
    }
    Expression valueExpr = parseExpression();
    boolean grouping = false;
    if (object && at(TokenKind.ELLIPSIS)) {
      next();
      grouping = true;
    }
    Expression cond = null;
    if (peek().isKeyword("if")) {
      next();
      cond = parseExpression();
    }
    TokenKind close = object ? TokenKind.RBRACE : TokenKind.RBRACK;
    expect(close, "to close the for expression opened at line " + open.start().line());
    return new ForExpr(keyVar, valueVar, coll, keyExpr, valueExpr, cond, grouping, range(open.start()), text(open.start()));
  }

  // ---------------------------------------------------------------- templates

  private Expression parseTemplate() throws HclParseException {
    Token open = next();
    enter(open);
    TemplateAssembler asm = new TemplateAssembler(file, MAX_DEPTH);
    while (true) {
      Token t = tokens.get(idx);
      if (t.kind() == TokenKind.CQUOTE) {
        idx++;
        break;
      }
      if (t.kind() == TokenKind.QUOTED_LIT) {
        idx++;
        asm.addLiteral(Escapes.decodeQuoted(file, t.text(), t.start()), new Range(file, t.start(), t.end()));
      } else {
        parseTemplateSequence(asm);
      }
    }
    List<TemplatePart> parts = asm.finish(false);
    leave();
    return new TemplateExpr(parts, false, range(open.start()), text(open.start()));
  }

  private Expression parseHeredoc() throws HclParseException {
    Token open = next();
    enter(open);
    boolean flush = open.text().startsWith("<<-");
    TemplateAssembler asm = new TemplateAssembler(file, MAX_DEPTH);
    while (true) {
      Token t = tokens.get(idx);
      if (t.kind() == TokenKind.CHEREDOC) {
        idx++;
        break;
      }
      if (t.kind() == TokenKind.HEREDOC_LIT) {
        idx++;
        asm.addLiteral(Escapes.decodeHeredoc(t.text()), new Range(file, t.start(), t.end()));
      } else {
        parseTemplateSequence(asm);
      }
    }
    List<TemplatePart> parts = asm.finish(flush);
    leave();
    return new TemplateExpr(parts, true, range(open.start()), text(open.start()));
  }

  /** At a {@code ${} or {@code %{}; reads through its closing {@code }}. */
  private void parseTemplateSequence(TemplateAssembler asm) throws HclParseException {
    Token open = tokens.get(idx++);
    pushNewlines(false);
    boolean stripLeft = open.hasStripMarker();
    if (open.kind() == TokenKind.TEMPLATE_INTERP) {
      Expression e = parseExpression();
      Token close = expectSequenceEnd("after the interpolated expression");
      popNewlines();
      boolean stripRight = close.hasStripMarker();
      asm.addSequence(new TemplateAssembler.Interp(e, stripLeft, stripRight, range(open.start())), stripLeft, stripRight);
      return;
    }
    if (open.kind() != TokenKind.TEMPLATE_CONTROL) {
      throw unexpected(open, "unexpected token in template");
    }
    Token kw = peek();
    DirectiveKind kind;
    Expression expr = null;
    String keyVar = null;
    String valueVar = null;
    switch (kw.kind() == TokenKind.IDENT ? kw.text() : "") {
      case "if" -> {
        next();
        kind = DirectiveKind.IF;
        expr = parseExpression();
      }
      case "else" -> {
        next();
        kind = DirectiveKind.ELSE;
      }
      case "endif" -> {
        next();
        kind = DirectiveKind.ENDIF;
      }
      case "endfor" -> {
        next();
        kind = DirectiveKind.ENDFOR;
      }
      case "for" -> {
        next();
        kind = DirectiveKind.FOR;
        Token v1 = expect(TokenKind.IDENT, "after 'for' in template directive");
        valueVar = v1.text();
        if (at(TokenKind.COMMA)) {
          next();
          keyVar = v1.text();
          valueVar = expect(TokenKind.IDENT, "after ',' in template for directive").text();
        }
        if (!peek().isKeyword("in")) {
          throw unexpected(peek(), "expected 'in' in template for directive");
        }
        next();
        expr = parseExpression();
      }
      default -> throw unexpected(kw, "expected if, else, endif, for or endfor after '%{'");
    }
    Token close = expectSequenceEnd("to close the %{" + kind.name().toLowerCase() + "} directive");
    popNewlines();
    boolean stripRight = close.hasStripMarker();
    asm.addSequence(new TemplateAssembler.Directive(kind, expr, keyVar, valueVar, stripLeft, stripRight,
        range(open.start())), stripLeft, stripRight);
  }

  private Token expectSequenceEnd(String context) throws HclParseException {
    Token t = peek();
    if (t.kind() != TokenKind.TEMPLATE_SEQ_END) {
      throw unexpected(t, "expected '}' " + context);
    }
    return next();
  }
}
