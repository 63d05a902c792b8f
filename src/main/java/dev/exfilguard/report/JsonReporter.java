package dev.exfilguard.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * exfilguard's own JSON document, for scripts that want more than SARIF's shape: the attribute
 * path and fingerprint of each finding, diagnostics and a summary, in one flat object per item.
 * The field names and their order are a contract, written down as a JSON Schema in
 * {@code schemas/report-v2.schema.json} and named by the document's {@code $schema}; within a
 * version fields are only added, and {@link #FORMAT_VERSION} changes when one is removed, renamed
 * or changes meaning.
 */
public final class JsonReporter implements Reporter {

  /** Version of this document's layout, not of the tool. */
  public static final int FORMAT_VERSION = 2;

  /** The schema's {@code $id}; the file is {@code schemas/report-v2.schema.json} in the repository. */
  public static final String SCHEMA =
      "https://raw.githubusercontent.com/exfilguard/exfilguard/main/schemas/report-v" + FORMAT_VERSION + ".schema.json";

  public JsonReporter() {}

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    JsonOutput.write(document(report), out);
  }

  static Document document(ScanReport report) {
    List<JsonFinding> findings =
        StableOrder.findings(report.findings()).stream().map(JsonReporter::finding).toList();
    List<JsonDiagnostic> diagnostics =
        StableOrder.diagnostics(report.diagnostics()).stream().map(JsonReporter::diagnostic).toList();
    List<JsonSuppressed> suppressed = report.suppressed().stream()
        .map(x -> new JsonSuppressed(finding(x.finding()), new JsonSuppression(
            x.suppression().kind().name().toLowerCase(java.util.Locale.ROOT), x.suppression().reason(),
            x.suppression().expires() == null ? null : x.suppression().expires().toString(),
            x.suppression().location().file(), x.suppression().location().line())))
        .toList();
    return new Document(
        SCHEMA, FORMAT_VERSION, report.toolVersion(), findings, suppressed, diagnostics, summary(ReportSummary.of(report)));
  }

  private static JsonFinding finding(Finding f) {
    Location at = f.location();
    return new JsonFinding(
        f.ruleId(),
        f.severity().label(),
        f.message(),
        at.file(),
        at.line(),
        at.column(),
        f.resourceAddress(),
        f.attributePath(),
        f.fingerprint(),
        f.related().stream()
            .map(r -> new JsonRelated(
                r.location().file(), r.location().line(), r.location().column(), r.message()))
            .toList());
  }

  private static JsonDiagnostic diagnostic(Diagnostic d) {
    Location at = d.location();
    String kind = d.kind() == Diagnostic.Kind.ERROR ? "error" : "note";
    return new JsonDiagnostic(kind, at.file(), at.line(), at.column(), d.message());
  }

  private static JsonSummary summary(ReportSummary s) {
    // every severity, most severe first, so consumers need not test for absent keys
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    for (Severity sev : Severity.values()) bySeverity.put(sev.label(), s.bySeverity().get(sev));
    return new JsonSummary(
        s.findings(), bySeverity, s.filesScanned(), s.filesUnreadable(), s.errors(), s.notes(), s.suppressed(), s.known());
  }

  /** The whole document. */
  public record Document(
      @JsonProperty("$schema") String schema,
      int version,
      String toolVersion,
      List<JsonFinding> findings,
      List<JsonSuppressed> suppressed,
      List<JsonDiagnostic> diagnostics,
      JsonSummary summary) {}

  /** A finding a suppression accepted, and the suppression. */
  public record JsonSuppressed(JsonFinding finding, JsonSuppression suppression) {}

  /**
   * {@code kind} is {@code inline}, {@code metadata} or {@code config}; {@code expires} is
   * {@code YYYY-MM-DD} or left out; file and line say where the suppression is written.
   */
  public record JsonSuppression(String kind, String reason, String expires, String file, int line) {}

  /**
   * One finding. {@code severity} is the lower-case label ({@code high}); {@code resource} the
   * Terraform address or ARM {@code type/name}; {@code attributePath} the ARM path, empty for
   * the resource as a whole.
   */
  public record JsonFinding(
      String ruleId,
      String severity,
      String message,
      String file,
      int line,
      int column,
      String resource,
      String attributePath,
      String fingerprint,
      List<JsonRelated> related) {}

  public record JsonRelated(String file, int line, int column, String message) {}

  /** {@code kind} is {@code error} (a file that could not be read or parsed) or {@code note}. */
  public record JsonDiagnostic(String kind, String file, int line, int column, String message) {}

  /**
   * @param bySeverity every severity label, most severe first, zero where none was found
   * @param suppressed findings accepted by a suppression (listed under {@code suppressed})
   * @param known findings not shown because they are in the baseline or at the diff base
   */
  public record JsonSummary(
      int findings,
      Map<String, Integer> bySeverity,
      int filesScanned,
      int filesUnreadable,
      int errors,
      int notes,
      int suppressed,
      int known) {}
}
