package dev.exfilguard.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns a display path into what SARIF wants in {@code artifactLocation}: a relative URI
 * reference resolved against {@code %SRCROOT%} (the scan root: {@code --sarif-root}, by default
 * the working directory) for a file under it, else an absolute {@code file:} URI. GitHub code
 * scanning maps results to files through repository-relative URIs (absolute ones only when they
 * lie in the checkout), and a relative URI does not carry the build machine's layout into the
 * report.
 *
 * @param workingDirectory what relative display paths are relative to
 * @param root the directory {@code %SRCROOT%} stands for
 */
record ArtifactUri(Path workingDirectory, Path root) {

  ArtifactUri {
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
    root = root.toAbsolutePath().normalize();
  }

  /** {@code %SRCROOT%} is the working directory. */
  static ArtifactUri atWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    return new ArtifactUri(cwd, cwd);
  }

  /** The location of a file named by its display path: relative to the root, or absolute. */
  SarifLog.ArtifactLocation locate(String displayPath) {
    Path abs = workingDirectory.resolve(displayPath.replace('\\', '/')).normalize();
    if (abs.startsWith(root)) {
      String rel = root.relativize(abs).toString().replace('\\', '/');
      return new SarifLog.ArtifactLocation(of(rel.isEmpty() ? "." : rel), SarifReporter.SRCROOT, null);
    }
    return new SarifLog.ArtifactLocation(abs.toUri().toASCIIString(), null, null);
  }

  /**
   * Forward slashes, no leading {@code ./}, and every byte outside RFC 3986's unreserved set
   * (and {@code /}) percent-encoded: spaces, {@code #}, {@code ?} and {@code %} in file names
   * would otherwise change what the URI means, and a {@code :} in the first segment would read
   * as a scheme.
   *
   * @throws IllegalArgumentException for an absolute path: {@link #locate} gives those a
   *     {@code file:} URI instead
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
