package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleMeta;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * JUnit XML, for CI systems that show test results (Azure DevOps' PublishTestResults, GitLab,
 * Jenkins): one test suite per scanned file, one test case per rule × file. A case fails with
 * the rule's findings in that file; a case whose findings were all suppressed is skipped with the
 * reasons. A file that could not be read is one erroring {@code read} case (and a failing case for
 * any rule that still found something in it), not a passing case per rule: nothing was checked.
 * Tool rules ({@code EXFG-nn}) get cases only where they found something.
 *
 * <p>The layout is the common Jenkins/xunit JUnit schema ({@code schemas/junit-10.xsd}, which
 * the tests validate against): {@code skipped} is counted on each {@code testsuite}, never on
 * {@code testsuites}, which the schema does not allow.
 */
public final class JunitReporter implements Reporter {

  public JunitReporter() {}

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    List<RuleMeta> rules = StableOrder.rules(report.rules());
    Map<String, Map<String, List<Finding>>> byFile = new TreeMap<>();
    Map<String, Map<String, List<ScanReport.Suppressed>>> suppressedByFile = new TreeMap<>();
    Map<String, List<Diagnostic>> errors = new TreeMap<>();
    TreeSet<String> files = new TreeSet<>(report.files());
    for (Finding f : StableOrder.findings(report.findings())) {
      files.add(f.location().file());
      byFile.computeIfAbsent(f.location().file(), k -> new TreeMap<>()).computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
    }
    for (ScanReport.Suppressed s : report.suppressed()) {
      files.add(s.finding().location().file());
      suppressedByFile.computeIfAbsent(s.finding().location().file(), k -> new TreeMap<>())
          .computeIfAbsent(s.finding().ruleId(), k -> new ArrayList<>()).add(s);
    }
    for (Diagnostic d : StableOrder.diagnostics(report.diagnostics())) {
      if (d.kind() != Diagnostic.Kind.ERROR) continue;
      files.add(d.location().file());
      errors.computeIfAbsent(d.location().file(), k -> new ArrayList<>()).add(d);
    }

    StringBuilder suites = new StringBuilder();
    int tests = 0;
    int failures = 0;
    int errorCount = 0;
    for (String file : files) {
      StringBuilder cases = new StringBuilder();
      int t = 0;
      int f = 0;
      int e = 0;
      int s = 0;
      Map<String, List<Finding>> found = byFile.getOrDefault(file, Map.of());
      Map<String, List<ScanReport.Suppressed>> accepted = suppressedByFile.getOrDefault(file, Map.of());
      List<Diagnostic> problems = errors.getOrDefault(file, List.of());
      if (!problems.isEmpty()) {
        t++;
        e++;
        cases.append("    <testcase classname=\"").append(attr(file)).append("\" name=\"read\">\n")
            .append("      <error message=\"").append(attr(problems.get(0).message())).append("\">");
        for (Diagnostic d : problems) cases.append(text(d.toString())).append('\n');
        cases.append("</error>\n    </testcase>\n");
      }
      for (RuleMeta rule : rules) {
        List<Finding> hits = found.getOrDefault(rule.id(), List.of());
        List<ScanReport.Suppressed> quiet = accepted.getOrDefault(rule.id(), List.of());
        boolean tool = rule.id().startsWith("EXFG-");
        if ((tool || !problems.isEmpty()) && hits.isEmpty()) continue;
        t++;
        cases.append("    <testcase classname=\"").append(attr(file)).append("\" name=\"")
            .append(attr(rule.id() + " " + rule.name())).append("\">");
        if (!hits.isEmpty()) {
          f++;
          cases.append("\n      <failure type=\"").append(hits.get(0).severity().label()).append("\" message=\"")
              .append(attr(hits.size() == 1 ? hits.get(0).message() : hits.size() + " findings: " + rule.title()))
              .append("\">");
          for (Finding x : hits) {
            cases.append(text(x.location() + "  " + x.severity().name() + "  " + x.ruleId() + "  " + x.message()
                + (x.resourceAddress().isEmpty() ? "" : " [" + x.resourceAddress() + "]"))).append('\n');
          }
          cases.append("</failure>\n    ");
        } else if (!quiet.isEmpty()) {
          s++;
          cases.append("\n      <skipped message=\"").append(attr("suppressed: " + quiet.get(0).suppression().reason()))
              .append("\"/>\n    ");
        }
        cases.append("</testcase>\n");
      }
      tests += t;
      failures += f;
      errorCount += e;
      suites.append("  <testsuite name=\"").append(attr(file)).append("\" tests=\"").append(t).append("\" failures=\"")
          .append(f).append("\" errors=\"").append(e).append("\" skipped=\"").append(s).append("\">\n")
          .append(cases).append("  </testsuite>\n");
    }
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"exfilguard\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" errors=\"").append(errorCount).append("\">\n")
        .append(suites).append("</testsuites>\n");
    out.write(sb.toString());
    out.flush();
  }

  private static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  /**
   * XML 1.0 cannot carry most control characters even escaped, and bidi overrides would reorder
   * what a viewer shows: they become visible escapes ({@code \x1b}, {@code \u202e}).
   */
  private static String text(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> {
          if (c == 0xFFFE || c == 0xFFFF) sb.append('\uFFFD');
          else if (TerminalSafe.unsafe(c) && c != '\n') sb.append(TerminalSafe.escape(c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
