package dev.exfilguard.bicep;

/** The kinds of Bicep tokens, with how an error message names them. */
enum TokenKind {
  IDENT("an identifier"),
  INT("a number"),
  /** A quoted string without interpolation; its value is decoded. */
  STRING("a string"),
  /** {@code 'text${}: the first piece of an interpolated string. */
  STRING_LEFT("a string"),
  /** {@code }text${}: a middle piece. */
  STRING_MIDDLE("a string"),
  /** {@code }text'}: the last piece. */
  STRING_RIGHT("a string"),
  /** {@code '''text'''}: verbatim, no escapes or interpolation. */
  MULTILINE("a multi-line string"),
  LBRACE("'{'"),
  RBRACE("'}'"),
  LBRACK("'['"),
  /** {@code [?}: safe index access. */
  LBRACK_SAFE("'[?'"),
  RBRACK("']'"),
  LPAREN("'('"),
  RPAREN("')'"),
  COMMA("','"),
  DOT("'.'"),
  /** {@code .?}: safe property access. */
  DOT_SAFE("'.?'"),
  COLON("':'"),
  DOUBLE_COLON("'::'"),
  ASSIGN("'='"),
  AT("'@'"),
  QUESTION("'?'"),
  COALESCE("'??'"),
  BANG("'!'"),
  EQ("'=='"),
  NEQ("'!='"),
  EQI("'=~'"),
  NEQI("'!~'"),
  LT("'<'"),
  LTE("'<='"),
  GT("'>'"),
  GTE("'>='"),
  PLUS("'+'"),
  MINUS("'-'"),
  STAR("'*'"),
  SLASH("'/'"),
  PERCENT("'%'"),
  AND("'&&'"),
  OR("'||'"),
  ARROW("'=>'"),
  ELLIPSIS("'...'"),
  PIPE("'|'"),
  NEWLINE("a line break"),
  EOF("the end of the file");

  final String display;
  /** The source text of a punctuation token ({@code "&&"}), shared by all its tokens. */
  final String text;

  TokenKind(String display) {
    this.display = display;
    this.text = display.length() > 2 && display.startsWith("'") && display.endsWith("'") ? display.substring(1, display.length() - 1) : null;
  }
}
