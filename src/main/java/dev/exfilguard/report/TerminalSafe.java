package dev.exfilguard.report;

/**
 * Makes text from scanned files safe to print on a terminal. Source lines, resource names and
 * messages built from them come from the repository under review, which may be hostile: an
 * escape sequence in a Terraform string could otherwise rewrite the reviewer's screen or hide
 * a finding.
 */
final class TerminalSafe {
  private TerminalSafe() {}

  /** Replaces C0/C1 control characters and DEL with U+FFFD; a tab stays when {@code keepTabs}. */
  static String clean(String s, boolean keepTabs) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      if (control && !(keepTabs && c == '\t')) {
        if (out == null) out = new StringBuilder(s.length()).append(s, 0, i);
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
