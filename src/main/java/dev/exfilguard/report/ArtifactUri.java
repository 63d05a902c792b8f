package dev.exfilguard.report;

import java.nio.charset.StandardCharsets;

/**
 * Turns a display path into the relative URI reference SARIF wants in
 * {@code artifactLocation.uri}, resolved against {@code %SRCROOT%}. GitHub code scanning maps
 * results to files only through such repository-relative URIs, and an absolute path would leak
 * the build machine's layout into the report.
 */
final class ArtifactUri {
  private ArtifactUri() {}

  /**
   * Forward slashes, no leading {@code ./}, and every byte outside RFC 3986's unreserved set
   * (and {@code /}) percent-encoded: spaces, {@code #}, {@code ?} and {@code %} in file names
   * would otherwise change what the URI means, and a {@code :} in the first segment would read
   * as a scheme.
   *
   * @throws IllegalArgumentException for an absolute path; the CLI hands reporters paths
   *     relative to where it runs, so this is a bug upstream, not bad input
   */
  static String of(String displayPath) {
    String p = displayPath.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException("SARIF needs relative paths, got absolute path: " + displayPath);
    }
    while (p.startsWith("./")) p = p.substring(2);
    StringBuilder sb = new StringBuilder(p.length());
    for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c) || c == '/') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
