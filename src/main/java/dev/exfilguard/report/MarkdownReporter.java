package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A pull-request comment: a summary line, then one table per severity, most severe first, and
 * the files that could not be read. Text from the scanned files is escaped so that it renders as
 * text: a hostile resource name cannot add links, images, mentions or HTML to the comment.
 */
public final class MarkdownReporter implements Reporter {

  public MarkdownReporter() {}

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    ReportSummary s = ReportSummary.of(report);
    StringBuilder sb = new StringBuilder("## exfilguard\n\n");
    sb.append(escape(TextReporter.summaryLine(s))).append("\n");
    List<Finding> findings = StableOrder.findings(report.findings());
    for (Severity sev : Severity.values()) {
      List<Finding> these = findings.stream().filter(f -> f.severity() == sev).toList();
      if (these.isEmpty()) continue;
      String label = sev.label().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + sev.label().substring(1);
      sb.append("\n### ").append(label).append(" (").append(these.size()).append(")\n\n");
      sb.append("| Rule | Location | Resource | Finding |\n|---|---|---|---|\n");
      for (Finding f : these) {
        sb.append("| ").append(escape(f.ruleId())).append(" | ").append(escape(f.location().shortForm())).append(" | ")
            .append(escape(f.resourceAddress())).append(" | ").append(escape(f.message())).append(" |\n");
      }
    }
    List<Diagnostic> errors = StableOrder.diagnostics(report.diagnostics()).stream()
        .filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
    if (!errors.isEmpty()) {
      sb.append("\n### Files that could not be read\n\n");
      for (Diagnostic d : errors) sb.append("- ").append(escape(d.toString())).append('\n');
    }
    out.write(sb.toString());
    out.flush();
  }

  /** Backslash-escapes Markdown's punctuation, turns HTML's into entities, and keeps each item on one line. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r', '\t' -> sb.append(' ');
        case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~', '@' -> sb.append('\\').append(c);
        // a visible escape, its backslash escaped so that it shows: \x1b, \u202e
        default -> sb.append(TerminalSafe.unsafe(c) ? "\\" + TerminalSafe.escape(c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }
}
