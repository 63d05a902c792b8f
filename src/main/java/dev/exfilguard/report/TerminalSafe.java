package dev.exfilguard.report;

/**
 * Makes text from scanned files safe to show, in every format. Source lines, resource names, file
 * names and messages built from them come from the repository under review, which may be hostile:
 * an escape sequence in a Terraform string could otherwise rewrite the reviewer's screen, a C1
 * {@code CSI} (0x9b) does the same on some terminals, and a bidi override (U+202E) makes a name or
 * a line read backwards to hide what it says (CVE-2021-42574, "Trojan Source"). Such characters are
 * shown as visible escapes ({@code \x1b}, {@code \u202e}): the reader sees that they are there.
 */
final class TerminalSafe {
  private TerminalSafe() {}

  /**
   * C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates (U+202A..U+202E,
   * U+2066..U+2069), the implicit marks (U+200E, U+200F, U+061C) and the line and paragraph
   * separators (U+2028, U+2029, which some viewers break lines at).
   */
  static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
  }

  /** The visible form of an unsafe character: {@code \x1b}, {@code \u202e}. */
  static String escape(char c) {
    String hex = Integer.toHexString(c);
    return c < 0x100 ? "\\x" + (hex.length() < 2 ? "0" : "") + hex : "\\u" + "0".repeat(4 - hex.length()) + hex;
  }

  /** Replaces unsafe characters by their visible escapes; a tab stays when {@code keepTabs}. */
  static String clean(String s, boolean keepTabs) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (unsafe(c) && !(keepTabs && c == '\t')) {
        if (out == null) out = new StringBuilder(s.length() + 8).append(s, 0, i);
        out.append(escape(c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
