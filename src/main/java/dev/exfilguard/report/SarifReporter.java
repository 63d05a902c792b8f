package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0, the machine contract for CI, written for what GitHub code scanning reads:
 * URIs relative to {@code %SRCROOT%} (absolute {@code file:} URIs for files outside it; see
 * {@link ArtifactUri}), one rule descriptor per rule id with help
 * and {@code security-severity}, {@code ruleIndex} pointing into that list, and
 * {@code partialFingerprints} that do not move when lines do, so alerts survive edits above them.
 * Files that could not be read are tool execution notifications, not results: they are not risks.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String TOOL_NAME = "exfilguard";
  static final String INFORMATION_URI = "https://github.com/exfilguard/exfilguard";

  /** Rule docs are published from the repository; {@link RuleMeta#helpPath()} is relative to it. */
  static final URI HELP_BASE = URI.create("https://github.com/exfilguard/exfilguard/blob/main/");

  static final String SRCROOT = "%SRCROOT%";

  /** Versioned so a future change of fingerprint recipe does not silently reopen every alert. */
  static final String FINGERPRINT_KEY = "exfilguard/v1";

  private final ArtifactUri uris;

  /** {@code %SRCROOT%} is the working directory. */
  public SarifReporter() {
    this(ArtifactUri.atWorkingDirectory());
  }

  /**
   * @param workingDirectory what relative display paths are relative to
   * @param root the scan root {@code %SRCROOT%} stands for ({@code --sarif-root})
   */
  public SarifReporter(Path workingDirectory, Path root) {
    this(new ArtifactUri(workingDirectory, root));
  }

  private SarifReporter(ArtifactUri uris) {
    this.uris = uris;
  }

  @Override
  public void write(ScanReport report, Writer out) throws IOException {
    JsonOutput.write(log(report, uris), out);
  }

  static SarifLog log(ScanReport report) {
    return log(report, ArtifactUri.atWorkingDirectory());
  }

  static SarifLog log(ScanReport report, ArtifactUri uris) {
    List<Finding> findings = StableOrder.findings(report.findings());
    List<Finding> all = new ArrayList<>(findings);
    Map<Finding, dev.exfilguard.engine.Suppression> suppressedBy = new java.util.IdentityHashMap<>();
    for (ScanReport.Suppressed s : report.suppressed()) {
      all.add(s.finding());
      suppressedBy.put(s.finding(), s.suppression());
    }
    all = StableOrder.findings(all);
    List<RuleMeta> rules = rulesFor(report.rules(), all);
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) ruleIndex.put(rules.get(i).id(), i);

    List<SarifLog.Result> results = new ArrayList<>();
    // suppressed results stay in the log, marked accepted with their justification, so code
    // scanning shows them as dismissed rather than as fixed
    for (Finding f : all) results.add(result(f, ruleIndex.get(f.ruleId()), suppressedBy.get(f), uris));

    List<Diagnostic> diagnostics = StableOrder.diagnostics(report.diagnostics());
    boolean successful = diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.ERROR);
    List<SarifLog.Notification> notifications =
        diagnostics.stream().map(d -> notification(d, uris)).toList();

    SarifLog.Driver driver =
        new SarifLog.Driver(
            TOOL_NAME,
            report.toolVersion(),
            INFORMATION_URI,
            rules.stream().map(SarifReporter::descriptor).toList());
    SarifLog.Run run =
        new SarifLog.Run(
            new SarifLog.Tool(driver),
            List.of(new SarifLog.Invocation(successful, notifications.isEmpty() ? null : notifications)),
            Map.of(
                SRCROOT,
                new SarifLog.ArtifactLocation(
                    null,
                    null,
                    SarifLog.Message.plain(
                        "The scan root (--sarif-root; by default the directory exfilguard ran in); result paths"
                            + " are relative to it."))),
            // Java strings and the readers count columns in UTF-16 code units, SARIF's default;
            // said explicitly so consumers need not know the default
            "utf16CodeUnits",
            results);
    return new SarifLog(SCHEMA_URI, "2.1.0", List.of(run));
  }

  /**
   * Every rule that ran, sorted by id, plus a bare descriptor for any rule a finding names that
   * the engine did not list: a result's {@code ruleIndex} must always point at its rule.
   */
  private static List<RuleMeta> rulesFor(List<RuleMeta> ran, List<Finding> findings) {
    List<RuleMeta> all = new ArrayList<>(ran);
    Set<String> known = new LinkedHashSet<>();
    for (RuleMeta r : ran) known.add(r.id());
    for (Finding f : findings) {
      if (known.add(f.ruleId())) {
        all.add(
            new RuleMeta(
                f.ruleId(), f.ruleId(), f.ruleId(), f.severity(), "", List.of(), "", "", List.of(), ""));
      }
    }
    return StableOrder.rules(all);
  }

  private static SarifLog.Rule descriptor(RuleMeta r) {
    String title = firstNonBlank(r.title(), r.id());
    String description = firstNonBlank(r.description(), title);
    return new SarifLog.Rule(
        r.id(),
        r.name(),
        SarifLog.Message.plain(title),
        SarifLog.Message.plain(description),
        new SarifLog.Message(helpText(r, description), helpMarkdown(r, title, description)),
        helpUri(r),
        new SarifLog.Configuration(r.severity().sarifLevel()),
        new SarifLog.RuleProperties(
            tags(r),
            securitySeverity(r.severity()),
            // rules report only what they can show (Unknown is never a violation), so a result
            // is a real configuration, not a guess
            "high"));
  }

  private static String helpText(RuleMeta r, String description) {
    String remediation = orEmpty(r.remediation());
    StringBuilder sb = new StringBuilder(description);
    if (!remediation.isBlank()) sb.append("\n\nRemediation: ").append(remediation.strip());
    if (!r.references().isEmpty()) {
      sb.append("\n\nReferences:");
      for (String ref : r.references()) sb.append("\n- ").append(ref);
    }
    return sb.toString();
  }

  private static String helpMarkdown(RuleMeta r, String title, String description) {
    String remediation = orEmpty(r.remediation());
    StringBuilder sb = new StringBuilder();
    sb.append("**").append(r.id()).append(": ").append(title).append("**\n\n").append(description);
    if (!remediation.isBlank()) {
      sb.append("\n\n## Remediation\n\n").append(remediation.strip());
    }
    if (!r.references().isEmpty()) {
      sb.append("\n\n## References\n");
      for (String ref : r.references()) sb.append("\n- ").append(ref);
    }
    return sb.toString();
  }

  /** Null (left out) when the rule's name would not make a valid URI fragment. */
  private static String helpUri(RuleMeta r) {
    try {
      return HELP_BASE.resolve(r.helpPath()).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> tags(RuleMeta r) {
    Set<String> tags = new LinkedHashSet<>();
    // GitHub treats a rule as a security query, and uses security-severity, only with this tag
    tags.add("security");
    if (r.category() != null && !r.category().isBlank()) tags.add(r.category().strip());
    return List.copyOf(tags);
  }

  /**
   * GitHub's bands: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low.
   * Values sit inside the bands so the severities map one to one.
   */
  static String securitySeverity(Severity s) {
    return switch (s) {
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "1.0";
    };
  }

  private static SarifLog.Result result(Finding f, int ruleIndex, dev.exfilguard.engine.Suppression suppression,
      ArtifactUri uris) {
    List<SarifLog.LogicalLocation> logical =
        f.resourceAddress().isEmpty()
            ? null
            : List.of(new SarifLog.LogicalLocation(f.resourceAddress(), "resource"));
    SarifLog.Location primary =
        new SarifLog.Location(null, physical(f.location(), uris), logical, null);

    List<SarifLog.Location> related = new ArrayList<>();
    for (int i = 0; i < f.related().size(); i++) {
      Finding.Related r = f.related().get(i);
      // ids from 1 so a message can link them as [text](1)
      related.add(
          new SarifLog.Location(i + 1, physical(r.location(), uris), null, SarifLog.Message.plain(r.message())));
    }
    return new SarifLog.Result(
        f.ruleId(),
        ruleIndex,
        f.severity().sarifLevel(),
        SarifLog.Message.plain(f.message()),
        List.of(primary),
        related.isEmpty() ? null : related,
        Map.of(FINGERPRINT_KEY, f.fingerprint()),
        suppression == null ? null : List.of(new SarifLog.Suppression(suppression.kind().sarifKind(), "accepted",
            suppression.justification(), new SarifLog.Location(null, physical(suppression.location(), uris), null, null))));
  }

  private static SarifLog.Notification notification(Diagnostic d, ArtifactUri uris) {
    String level = d.kind() == Diagnostic.Kind.ERROR ? "error" : "note";
    return new SarifLog.Notification(
        level,
        SarifLog.Message.plain(d.message()),
        List.of(new SarifLog.Location(null, physical(d.location(), uris), null, null)));
  }

  /** Line and column left out when unknown (0): SARIF requires them to be at least 1. */
  private static SarifLog.PhysicalLocation physical(Location at, ArtifactUri uris) {
    SarifLog.Region region =
        at.line() >= 1
            ? new SarifLog.Region(at.line(), at.column() >= 1 ? at.column() : null)
            : null;
    return new SarifLog.PhysicalLocation(uris.locate(at.file()), region);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a.strip() : b;
  }
}
