package dev.exfilguard.config;

import java.util.regex.Pattern;

/**
 * A glob from the config file. For paths (relative to the config file's directory, forward
 * slashes): {@code *} and {@code ?} stay within one directory level, {@code **} crosses levels,
 * and a glob that matches a directory covers everything below it ({@code legacy} and
 * {@code legacy/**} both exclude {@code legacy/main.tf}). For resource addresses: {@code *}
 * matches any characters, since addresses have no directories.
 */
public record Glob(String pattern, boolean path, Pattern regex) {

  public static Glob path(String pattern) {
    String p = pattern.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return new Glob(pattern, true, Pattern.compile(translate(p, true)));
  }

  public static Glob address(String pattern) {
    return new Glob(pattern, false, Pattern.compile(translate(pattern, false)));
  }

  /** For a path glob: the path or one of its parent directories matches. */
  public boolean matches(String value) {
    if (!path) return regex.matcher(value).matches();
    String v = value;
    while (true) {
      if (regex.matcher(v).matches()) return true;
      int slash = v.lastIndexOf('/');
      if (slash <= 0) return false;
      v = v.substring(0, slash);
    }
  }

  private static String translate(String glob, boolean path) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        if (!path) {
          re.append(".*");
          if (twice) i++;
        } else if (twice) {
          boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
          re.append(slashAfter ? "(?:.*/)?" : ".*");
          i += slashAfter ? 2 : 1;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append(path ? "[^/]" : ".");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
