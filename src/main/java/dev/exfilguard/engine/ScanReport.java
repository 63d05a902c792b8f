package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleMeta;
import java.util.List;

/**
 * Everything a reporter writes: findings (sorted), diagnostics (sorted), the rules that ran,
 * and the scanned files (display paths, sorted).
 */
public record ScanReport(
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    List<RuleMeta> rules,
    List<String> files,
    String toolVersion) {

  public ScanReport {
    findings = findings.stream().sorted(Finding.ORDER).toList();
    diagnostics = diagnostics.stream().sorted().toList();
    rules = List.copyOf(rules);
    files = files.stream().sorted().toList();
  }
}
