package dev.exfilguard.hcl;

enum TokenKind {
  IDENT("identifier"),
  NUMBER("number"),
  NEWLINE("newline"),
  EOF("end of file"),
  OQUOTE("'\"'"),
  CQUOTE("'\"'"),
  /** Raw text between quotes, escapes still encoded. */
  QUOTED_LIT("string text"),
  /** {@code <<EOT} or {@code <<-EOT}, including the newline that ends the opener line. */
  OHEREDOC("heredoc"),
  /** The closing marker line of a heredoc, without its newline. */
  CHEREDOC("heredoc end marker"),
  /** One heredoc line (or the part of it around interpolations), newline included. */
  HEREDOC_LIT("heredoc text"),
  /** {@code ${} or {@code ${~}. */
  TEMPLATE_INTERP("'${'"),
  /** {@code %{} or {@code %{~}. */
  TEMPLATE_CONTROL("'%{'"),
  /** The {@code }} or {@code ~}} closing an interpolation or directive. */
  TEMPLATE_SEQ_END("'}'"),
  LBRACE("'{'"),
  RBRACE("'}'"),
  LBRACK("'['"),
  RBRACK("']'"),
  LPAREN("'('"),
  RPAREN("')'"),
  COMMA("','"),
  DOT("'.'"),
  ELLIPSIS("'...'"),
  COLON("':'"),
  DOUBLE_COLON("'::'"),
  QUESTION("'?'"),
  EQUAL("'='"),
  FAT_ARROW("'=>'"),
  STAR("'*'"),
  PLUS("'+'"),
  MINUS("'-'"),
  SLASH("'/'"),
  PERCENT("'%'"),
  AND("'&&'"),
  OR("'||'"),
  BANG("'!'"),
  EQEQ("'=='"),
  NOTEQ("'!='"),
  LT("'<'"),
  GT("'>'"),
  LTE("'<='"),
  GTE("'>='");

  final String display;

  TokenKind(String display) {
    this.display = display;
  }
}
