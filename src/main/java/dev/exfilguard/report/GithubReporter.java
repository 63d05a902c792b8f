package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands, which annotate the pull request's changed lines without
 * code scanning: {@code ::error file=infra/main.tf,line=14,col=5,title=AMLX-22::message}. High
 * is {@code error}, medium {@code warning}, low and info {@code notice}. Files that could not be
 * read are {@code error}s; the summary closes the output as a plain line.
 */
public final class GithubReporter implements Reporter {

  public GithubReporter() {}

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Finding f : StableOrder.findings(report.findings())) {
      String level = switch (f.severity()) {
        case HIGH -> "error";
        case MEDIUM -> "warning";
        case LOW, INFO -> "notice";
      };
      String message = f.message() + (f.resourceAddress().isEmpty() ? "" : " [" + f.resourceAddress() + "]");
      command(sb, level, f.location(), f.ruleId(), message);
    }
    for (Diagnostic d : StableOrder.diagnostics(report.diagnostics())) {
      if (d.kind() == Diagnostic.Kind.ERROR) command(sb, "error", d.location(), "exfilguard", d.message());
    }
    sb.append(TerminalSafe.clean(TextReporter.summaryLine(ReportSummary.of(report)), false)).append('\n');
    out.write(sb.toString());
    out.flush();
  }

  private static void command(StringBuilder sb, String level, Location at, String title, String message) {
    sb.append("::").append(level).append(" file=").append(property(at.file()));
    if (at.line() >= 1) {
      sb.append(",line=").append(at.line());
      if (at.column() >= 1) sb.append(",col=").append(at.column());
    }
    sb.append(",title=").append(property(title)).append("::").append(data(message)).append('\n');
  }

  /**
   * The escaping the Actions runner undoes in a command's message ({@code %25}, {@code %0D},
   * {@code %0A}: a raw line break would end the command and let the rest forge another one);
   * other controls and bidi overrides become visible escapes, which the runner leaves as they are.
   */
  static String data(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '%' -> sb.append("%25");
        case '\r' -> sb.append("%0D");
        case '\n' -> sb.append("%0A");
        default -> sb.append(TerminalSafe.unsafe(c) ? TerminalSafe.escape(c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }

  /** Property values also escape the separators {@code :} and {@code ,}. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
