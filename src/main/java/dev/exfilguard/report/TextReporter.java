package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The human format, shaped like a compiler's so editors and terminals make {@code path:line:col}
 * clickable:
 *
 * <pre>
 * infra/network.tf:14:5  HIGH    AMLX-01  Outbound rule allows AzureFrontDoor.Frontend [azurerm_network_security_rule.fd]
 *    14 |     destination_address_prefix = "AzureFrontDoor.Frontend"
 *       |     ^
 *   -&gt; infra/network.tf:3  network security group of subnet ml
 *   help: exfilguard rules explain AMLX-01
 * </pre>
 *
 * <p>{@link Options#compact()} keeps only the first line of each finding, for tools that read one
 * finding per line; {@link Options#quiet()} leaves out the summary and notes (errors stay).
 *
 * Findings come sorted by file, line, column and rule, so a file's findings stay together.
 * Lines end in {@code \n} on every platform: the output is compared byte for byte in tests and
 * in users' CI logs.
 */
public final class TextReporter implements Reporter {

  /** Wide enough for the longest severity label, so rule ids line up in a column. */
  private static final int SEVERITY_WIDTH = longestSeverityLabel();

  private final boolean color;
  private final Writer diagnosticsOut;
  private final Function<String, List<String>> sourceLines;
  private final Options options;

  /**
   * @param compact one line per finding: no source line, related locations or help line
   * @param quiet no summary line and no notes; findings and errors only
   */
  public record Options(boolean compact, boolean quiet) {
    public static final Options DEFAULT = new Options(false, false);
  }

  /**
   * @param color whether to write ANSI colour; the CLI decides (a terminal, and no
   *     {@code NO_COLOR})
   * @param sourceLines a file's lines by display path; an empty list when it cannot be read, and
   *     then the finding is printed without its source line
   */
  public TextReporter(boolean color, Function<String, List<String>> sourceLines) {
    this(color, sourceLines, null);
  }

  /**
   * @param diagnosticsOut where diagnostics go instead of the report (the CLI sends them to
   *     stderr so that stdout carries findings only); null keeps them in the report
   */
  public TextReporter(boolean color, Function<String, List<String>> sourceLines, Writer diagnosticsOut) {
    this(color, sourceLines, diagnosticsOut, Options.DEFAULT);
  }

  public TextReporter(boolean color, Function<String, List<String>> sourceLines, Writer diagnosticsOut, Options options) {
    this.color = color;
    this.sourceLines = Objects.requireNonNull(sourceLines, "sourceLines");
    this.diagnosticsOut = diagnosticsOut;
    this.options = options;
  }

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    Map<String, List<String>> linesByFile = new HashMap<>();
    for (Finding f : StableOrder.findings(report.findings())) {
      List<String> lines = options.compact() ? List.of() : linesByFile.computeIfAbsent(f.location().file(), this::readLines);
      appendFinding(sb, f, lines);
      if (!options.compact()) sb.append('\n');
    }
    List<Diagnostic> diagnostics = StableOrder.diagnostics(report.diagnostics()).stream()
        .filter(d -> !options.quiet() || d.kind() == Diagnostic.Kind.ERROR).toList();
    if (diagnosticsOut != null) {
      StringBuilder diag = new StringBuilder();
      for (Diagnostic d : diagnostics) appendDiagnostic(diag, d);
      diagnosticsOut.write(diag.toString());
      diagnosticsOut.flush();
    } else {
      for (Diagnostic d : diagnostics) appendDiagnostic(sb, d);
    }
    if (!options.quiet()) {
      boolean inlineDiagnostics = diagnosticsOut == null && !diagnostics.isEmpty();
      if (inlineDiagnostics || (options.compact() && !report.findings().isEmpty())) sb.append('\n');
      sb.append(paint(summaryLine(ReportSummary.of(report)), Style.BOLD)).append('\n');
    }
    out.write(sb.toString());
    out.flush();
  }

  private List<String> readLines(String file) {
    List<String> lines = sourceLines.apply(file);
    return lines == null ? List.of() : lines;
  }

  private void appendFinding(StringBuilder sb, Finding f, List<String> lines) {
    Style sev = styleOf(f.severity());
    String label = f.severity().name();
    sb.append(paint(safe(f.location().toString()), Style.BOLD))
        .append("  ")
        .append(paint(label, sev))
        .append(" ".repeat(SEVERITY_WIDTH - label.length()))
        .append("  ")
        .append(f.ruleId())
        .append("  ")
        .append(safe(f.message()));
    if (!f.resourceAddress().isEmpty()) {
      sb.append(" [").append(safe(f.resourceAddress())).append(']');
    }
    sb.append('\n');
    if (options.compact()) return;

    int line = f.location().line();
    if (line >= 1 && line <= lines.size()) {
      SourceSnippet snippet = SourceSnippet.of(line, f.location().column(), lines.get(line - 1));
      String number = Integer.toString(snippet.lineNumber());
      String gutter = " ".repeat(number.length());
      sb.append(' ').append(paint(number, Style.DIM)).append(paint(" | ", Style.DIM));
      sb.append(snippet.code()).append('\n');
      sb.append(' ').append(gutter).append(paint(" | ", Style.DIM));
      sb.append(snippet.caretPad()).append(paint("^", sev)).append('\n');
    }

    for (Finding.Related r : f.related()) {
      sb.append("  -> ")
          .append(paint(safe(r.location().shortForm()), Style.BOLD))
          .append("  ")
          .append(safe(r.message()))
          .append('\n');
    }
    // the rule IDs are ours (AMLX-nn, EXFG-nn), never text from the scanned files
    sb.append("  ").append(paint("help:", Style.CYAN)).append(" exfilguard rules explain ").append(f.ruleId()).append('\n');
  }

  private void appendDiagnostic(StringBuilder sb, Diagnostic d) {
    boolean error = d.kind() == Diagnostic.Kind.ERROR;
    sb.append(paint(safe(d.location().toString()), Style.BOLD))
        .append(": ")
        .append(error ? paint("error:", Style.RED) : paint("note:", Style.CYAN))
        .append(' ')
        .append(safe(d.message()))
        .append('\n');
  }

  /** {@code 3 findings (1 high, 2 medium) in 5 files; 1 file could not be read.} */
  static String summaryLine(ReportSummary s) {
    StringBuilder sb = new StringBuilder();
    if (s.findings() == 0) {
      sb.append("No findings in ").append(count(s.filesScanned(), "file"));
    } else {
      List<String> parts = new ArrayList<>();
      s.bySeverity().forEach((sev, n) -> {
        if (n > 0) parts.add(n + " " + sev.label());
      });
      sb.append(count(s.findings(), "finding"))
          .append(" (")
          .append(String.join(", ", parts))
          .append(") in ")
          .append(count(s.filesScanned(), "file"));
    }
    if (s.filesUnreadable() > 0) {
      sb.append("; ").append(count(s.filesUnreadable(), "file")).append(" could not be read");
    }
    if (s.suppressed() > 0) sb.append("; ").append(s.suppressed()).append(" suppressed");
    if (s.known() > 0) {
      sb.append("; ").append(count(s.known(), "known finding")).append(" not shown (baseline or diff base)");
    }
    return sb.append('.').toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String safe(String s) {
    return TerminalSafe.clean(s, false);
  }

  /**
   * A diagnostic as one line for standard error ({@code file:line:col: error: reason}), with what
   * came from the scanned files (paths, names in messages) made safe to print.
   */
  public static String plainLine(Diagnostic d) {
    return safe(d.toString());
  }

  /** Any text from the scanned files or a file the user named, made safe to print on standard error. */
  public static String plainText(String s) {
    return safe(s);
  }

  private String paint(String s, Style style) {
    return color ? style.sgr + s + Style.RESET : s;
  }

  private static Style styleOf(Severity s) {
    return switch (s) {
      case HIGH -> Style.RED;
      case MEDIUM -> Style.YELLOW;
      case LOW -> Style.CYAN;
      case INFO -> Style.DIM;
    };
  }

  private static int longestSeverityLabel() {
    int w = 0;
    for (Severity s : Severity.values()) w = Math.max(w, s.name().length());
    return w;
  }

  /** ANSI select-graphic-rendition codes; bold colours stay readable on dark and light themes. */
  private enum Style {
    BOLD("\u001b[1m"),
    DIM("\u001b[2m"),
    RED("\u001b[1;31m"),
    YELLOW("\u001b[1;33m"),
    CYAN("\u001b[1;36m");

    static final String RESET = "\u001b[0m";
    final String sgr;

    Style(String sgr) {
      this.sgr = sgr;
    }
  }
}
