package dev.exfilguard.hcl;

/** Decodes the literal text of quoted strings and heredocs. */
final class Escapes {

  private Escapes() {}

  /**
   * Quoted-string literal: backslash escapes plus {@code $${}/{@code %%{}. {@code start} is the
   * position of {@code raw}'s first char, used to point errors at the bad escape.
   */
  static String decodeQuoted(String file, String raw, Pos start) throws HclParseException {
    StringBuilder sb = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\\') {
        Pos at = new Pos(start.line(), start.column() + i, start.offset() + i);
        if (i + 1 >= raw.length()) {
          throw new HclParseException(file, at, "invalid escape sequence at end of string");
        }
        char e = raw.charAt(i + 1);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'u', 'U' -> {
            int len = e == 'u' ? 4 : 8;
            if (i + 2 + len > raw.length() || !isHex(raw, i + 2, len)) {
              throw new HclParseException(file, at, "invalid escape sequence: \\" + e + " needs " + len + " hex digits");
            }
            int cp = (int) Long.parseLong(raw.substring(i + 2, i + 2 + len), 16);
            if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
              throw new HclParseException(file, at, "invalid escape sequence: U+" + raw.substring(i + 2, i + 2 + len) + " is not a valid character");
            }
            sb.appendCodePoint(cp);
            i += len;
          }
          default -> throw new HclParseException(file, at, "invalid escape sequence '\\" + e + "'");
        }
        i += 2;
      } else if ((c == '$' || c == '%') && raw.startsWith(c + "" + c + "{", i)) {
        sb.append(c).append('{');
        i += 3;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** Heredoc literal: no backslash escapes, only {@code $${}/{@code %%{}. */
  static String decodeHeredoc(String raw) {
    return raw.replace("$${", "${").replace("%%{", "%{");
  }

  private static boolean isHex(String s, int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
