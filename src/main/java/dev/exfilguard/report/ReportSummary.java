package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counts a summary states. A file "could not be read" when it has at least one ERROR
 * diagnostic: errors are, by the contract, files that could not be read or parsed.
 *
 * @param bySeverity every severity, most severe first, zero where none was found
 * @param suppressed findings accepted by a suppression (not counted in {@code findings})
 * @param known findings left out as not new (baseline, diff base)
 */
record ReportSummary(
    int findings,
    Map<Severity, Integer> bySeverity,
    int filesScanned,
    int filesUnreadable,
    int errors,
    int notes,
    int suppressed,
    int known) {

  ReportSummary {
    bySeverity = Collections.unmodifiableMap(new EnumMap<>(bySeverity));
  }

  static ReportSummary of(ScanReport report) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) bySeverity.put(s, 0);
    for (Finding f : report.findings()) bySeverity.merge(f.severity(), 1, Integer::sum);

    Set<String> unreadable = new TreeSet<>();
    int errors = 0;
    int notes = 0;
    for (Diagnostic d : report.diagnostics()) {
      if (d.kind() == Diagnostic.Kind.ERROR) {
        errors++;
        unreadable.add(d.location().file());
      } else {
        notes++;
      }
    }
    // a file that was read but did not parse counts as unreadable, not also as scanned
    int scanned = (int) report.files().stream().filter(f -> !unreadable.contains(f)).count();
    return new ReportSummary(report.findings().size(), bySeverity, scanned, unreadable.size(), errors, notes,
        report.suppressed().size(), report.known());
  }
}
