package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleMeta;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a reporter writes: findings (sorted), diagnostics (sorted), the rules that ran,
 * and the scanned files (display paths, sorted).
 *
 * @param suppressed findings a suppression (inline, resource metadata, config file) accepted,
 *     with its justification: not findings, but counted, and listed in SARIF as suppressed results
 * @param known findings left out because they are not new: in the baseline, or present at the
 *     diff base
 */
public record ScanReport(
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    List<RuleMeta> rules,
    List<String> files,
    String toolVersion,
    List<Suppressed> suppressed,
    int known) {

  public ScanReport {
    findings = findings.stream().sorted(Finding.ORDER).toList();
    diagnostics = diagnostics.stream().sorted().toList();
    rules = List.copyOf(rules);
    files = files.stream().sorted().toList();
    suppressed = suppressed.stream().sorted(Comparator.comparing(Suppressed::finding, Finding.ORDER)).toList();
  }

  public ScanReport(List<Finding> findings, List<Diagnostic> diagnostics, List<RuleMeta> rules, List<String> files,
      String toolVersion) {
    this(findings, diagnostics, rules, files, toolVersion, List.of(), 0);
  }

  /** A finding a suppression accepted. */
  public record Suppressed(Finding finding, Suppression suppression) {}
}
