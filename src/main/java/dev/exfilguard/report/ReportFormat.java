package dev.exfilguard.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The output formats the CLI offers with {@code --format}. */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT,
  GITHUB,
  MARKDOWN;

  /** The name users type: lower case. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@code --format} value, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException with a one-line message naming the valid formats, for the
   *     CLI to print as a usage error
   */
  public static ReportFormat parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.cliName().equals(wanted)) return f;
    }
    throw new IllegalArgumentException(
        "unknown output format '" + value + "'; valid formats: " + validNames());
  }

  /** {@code text, json, sarif, ...}, in declaration order, for usage messages. */
  public static String validNames() {
    return Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining(", "));
  }

  /**
   * The reporter for this format. Only text uses {@code color} and {@code sourceLines}: the
   * machine formats must not depend on the terminal or on reading sources a second time.
   */
  public Reporter reporter(boolean color, Function<String, List<String>> sourceLines) {
    return switch (this) {
      case TEXT -> new TextReporter(color, sourceLines);
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter();
      case JUNIT -> new JunitReporter();
      case GITHUB -> new GithubReporter();
      case MARKDOWN -> new MarkdownReporter();
    };
  }
}
