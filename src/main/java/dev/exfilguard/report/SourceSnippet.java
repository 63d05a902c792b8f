package dev.exfilguard.report;

/**
 * The source line a finding points at, cut to fit a terminal, with the padding that puts a
 * caret under the finding's column.
 *
 * @param lineNumber 1-based, shown in the gutter
 * @param code the line as printed: control characters replaced, maybe cut with {@code ...}
 * @param caretPad what goes before the caret: spaces, and a tab wherever {@code code} has one
 *     before the column, so the caret lines up whatever the terminal's tab width
 */
record SourceSnippet(int lineNumber, String code, String caretPad) {

  /**
   * Lines longer than this are cut around the column: minified ARM JSON puts a whole template
   * on one line, and printing it whole would bury the report.
   */
  static final int MAX_WIDTH = 160;

  /** How much of a cut line to keep before the column, for context. */
  private static final int LEAD = 60;

  private static final String CUT = "...";

  /**
   * @param column 1-based, in UTF-16 code units as the readers count them; a column past the
   *     end of the line puts the caret just after the last character
   */
  static SourceSnippet of(int lineNumber, int column, String sourceLine) {
    String line = stripLineEnd(sourceLine);
    int at = Math.max(0, Math.min(column - 1, line.length()));

    int start = 0;
    int end = line.length();
    if (line.length() > MAX_WIDTH) {
      start = Math.max(0, at - LEAD);
      end = Math.min(line.length(), start + MAX_WIDTH);
      // keep the window full when the column sits near the end of the line
      start = Math.max(0, Math.min(start, end - MAX_WIDTH));
    }
    String head = start > 0 ? CUT : "";
    String tail = end < line.length() ? CUT : "";
    // a surrogate pair split by the window would print as garbage; nudge the edges outward
    if (start > 0 && Character.isLowSurrogate(line.charAt(start))) start--;
    if (end < line.length() && Character.isLowSurrogate(line.charAt(end))) end++;

    String shown = TerminalSafe.clean(line.substring(start, end), true);
    StringBuilder pad = new StringBuilder(" ".repeat(head.length()));
    for (int i = start; i < at; ) {
      int cp = line.codePointAt(i);
      pad.append(cp == '\t' ? '\t' : ' ');
      i += Character.charCount(cp);
    }
    return new SourceSnippet(lineNumber, head + shown + tail, pad.toString());
  }

  private static String stripLineEnd(String s) {
    int n = s.length();
    while (n > 0 && (s.charAt(n - 1) == '\n' || s.charAt(n - 1) == '\r')) n--;
    return s.substring(0, n);
  }
}
