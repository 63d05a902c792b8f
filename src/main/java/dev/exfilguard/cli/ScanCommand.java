package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.config.ConfigLoader;
import dev.exfilguard.engine.Baseline;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.GitRepo;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.ToolRules;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.report.ReportFormat;
import dev.exfilguard.report.Reporter;
import dev.exfilguard.report.TextReporter;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleException;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.source.InputOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code exfilguard scan [PATH...]}. */
final class ScanCommand implements Command {
  final InputArgs inputs = new InputArgs();
  final List<String> formats = new ArrayList<>();
  Path output;
  Severity threshold;
  boolean noColor;
  boolean noInlineSuppressions;
  boolean reportUnusedSuppressions;
  Path baseline;
  Path writeBaseline;
  String diffBase;
  boolean staged;
  boolean hook;

  @Override
  public String name() {
    return "scan";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Scans ARM templates (by their $schema) and Terraform modules (.tf) for Azure ML data-exfiltration risks.",
        "Directories are searched recursively, skipping .git, .terraform and node_modules.",
        "Settings come from the first .exfilguard.yaml in the scanned directory or above it, up to the repository root.");
  }

  @Override
  public List<String> footer() {
    return List.of("Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage, configuration or input errors.");
  }

  @Override
  public Opt.Positional positional() {
    return inputs.positional();
  }

  @Override
  public List<Opt> options() {
    List<Opt> o = new ArrayList<>(List.of(
        Opt.repeatable("-f,--format", "FORMAT[=FILE]",
            "Output format: text, json, sarif, junit, github or markdown (default: text). FORMAT=FILE writes"
                + " that format to FILE; repeatable, with at most one format on standard output.",
            formats::add),
        Opt.value("-o,--output", "FILE", "Write the report to FILE instead of standard output.", v -> output = Path.of(v)),
        Opt.value("--severity-threshold", "SEVERITY",
            "Report and fail only on findings of this severity or higher: high, medium, low or info"
                + " (default: the config file's, else info).",
            v -> threshold = severity("--severity-threshold", v)),
        Opt.flag("--no-color", "Never colour the text output (also: the NO_COLOR environment variable).", () -> noColor = true),
        Opt.flag("--no-inline-suppressions",
            "Ignore suppressions written in the scanned files (comments, ARM metadata); only the config file's apply.",
            () -> noInlineSuppressions = true),
        Opt.flag("--report-unused-suppressions", "Report suppressions that match no finding (EXFG-02).",
            () -> reportUnusedSuppressions = true),
        Opt.value("--baseline", "FILE",
            "Report only findings not recorded in FILE (written by --write-baseline); entries that no longer"
                + " occur are listed on standard error.",
            v -> baseline = Path.of(v)),
        Opt.value("--write-baseline", "FILE",
            "Record the current findings in FILE, to be accepted with --baseline; exits 0 unless an input had errors.",
            v -> writeBaseline = Path.of(v)),
        Opt.value("--diff-base", "REF",
            "Report only findings that are new relative to the merge-base of REF and HEAD (the pull-request mode).",
            v -> diffBase = v),
        Opt.flag("--staged", "Scan the staged content (the git index) of the staged files' modules (the pre-commit mode).",
            () -> staged = true),
        Opt.flag("--hook",
            "The files are named by a hook that passes every changed .json/.bicep file: skip JSON that is not a"
                + " template quietly, and note .bicep files instead of failing.",
            () -> hook = true)));
    o.addAll(inputs.options());
    return o;
  }

  private static Severity severity(String option, String value) throws UsageException {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid " + option + " '" + value + "': use high, medium, low or info");
    }
  }

  @Override
  public int run(Streams io) throws UsageException, IOException {
    PrintWriter err = io.err();
    List<Output> outputs = outputs();
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> targets = inputs.targets();

    Config config;
    List<Rule> rules;
    try {
      config = inputs.config(cwd);
      rules = rules(config);
    } catch (ConfigException e) {
      err.println(e.render());
      return Main.ERROR;
    } catch (RuleException e) {
      err.println(e.location() + ": error: " + e.getMessage());
      return Main.ERROR;
    }
    Severity min = threshold != null ? threshold : config.threshold() != null ? config.threshold() : Severity.INFO;

    InputOptions inputOptions = inputs.inputOptions(io.env());
    ScanRun run = new ScanRun(rules, config, inputOptions, !noInlineSuppressions, reportUnusedSuppressions, hook, Main.version());
    ScanRun.Outcome outcome;
    try {
      outcome = run.scan(cwd, targets, staged, diffBase);
    } catch (GitRepo.GitException e) {
      err.println("exfilguard: " + e.getMessage());
      return Main.ERROR;
    }
    try {
      return report(outcome, outputs, min, io);
    } finally {
      outcome.close();
    }
  }

  private int report(ScanRun.Outcome outcome, List<Output> outputs, Severity min, Streams io) throws IOException {
    PrintWriter err = io.err();
    ScanReport full = outcome.report();
    List<Finding> current = full.findings();
    int known = 0;
    if (writeBaseline != null) {
      try {
        Baseline.write(current, writeBaseline);
      } catch (IOException e) {
        err.println("exfilguard: cannot write " + writeBaseline + ": " + whyNotWritten(e));
        return Main.ERROR;
      }
    }
    if (baseline != null) {
      List<Baseline.Entry> entries;
      try {
        entries = Baseline.read(baseline);
      } catch (Baseline.BaselineException e) {
        err.println("exfilguard: " + baseline + ": error: " + e.getMessage());
        return Main.ERROR;
      }
      Baseline.Match m = Baseline.match(current, entries);
      current = m.fresh();
      known = m.known();
      for (Baseline.Entry stale : m.stale()) {
        err.println("exfilguard: " + baseline + ": note: no longer found: " + stale.ruleId() + " " + stale.resource()
            + (stale.attributePath().isEmpty() ? "" : " " + stale.attributePath()) + " (" + stale.file() + ")");
      }
      if (!m.stale().isEmpty()) {
        err.println("exfilguard: " + m.stale().size() + " baseline entr" + (m.stale().size() == 1 ? "y" : "ies")
            + " no longer occur; run --write-baseline again to drop them");
      }
    }
    List<Finding> shown = current.stream().filter(f -> f.severity().atLeast(min)).toList();
    List<ScanReport.Suppressed> suppressed = full.suppressed().stream().filter(s -> s.finding().severity().atLeast(min)).toList();
    ScanReport report = new ScanReport(shown, full.diagnostics(), full.rules(), full.files(), full.toolVersion(),
        suppressed, full.known() + known);

    boolean anyText = outputs.stream().anyMatch(o -> o.format() == ReportFormat.TEXT);
    for (Output o : outputs) {
      boolean color = o.file() == null && io.color(noColor);
      Reporter reporter = o.format() == ReportFormat.TEXT
          ? new TextReporter(color, outcome::lines, err)
          : o.format().reporter(false, outcome::lines);
      if (o.file() != null) {
        try (Writer w = Files.newBufferedWriter(o.file(), StandardCharsets.UTF_8)) {
          reporter.write(report, w);
        } catch (IOException e) {
          err.println("exfilguard: cannot write " + o.file() + ": " + whyNotWritten(e));
          return Main.ERROR;
        }
      } else {
        reporter.write(report, io.out());
        io.out().flush();
      }
    }
    if (!anyText) printDiagnostics(report, err);
    if (writeBaseline != null) {
      err.println("exfilguard: wrote " + full.findings().size() + " finding" + (full.findings().size() == 1 ? "" : "s")
          + " to " + writeBaseline);
      err.flush();
    }
    boolean inputErrors = report.diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.ERROR);
    if (inputErrors) return Main.ERROR;
    if (writeBaseline != null) return Main.OK;
    return shown.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  /** A format and where it goes: a file, or standard output (null). */
  record Output(ReportFormat format, Path file) {}

  private List<Output> outputs() throws UsageException {
    List<Output> out = new ArrayList<>();
    for (String spec0 : formats.isEmpty() ? List.of("text") : formats) {
      int eq = spec0.indexOf('=');
      String name = eq < 0 ? spec0 : spec0.substring(0, eq);
      Path file = eq < 0 ? output : Path.of(spec0.substring(eq + 1));
      if (eq >= 0 && spec0.substring(eq + 1).isBlank()) {
        throw new UsageException("--format " + spec0 + ": no file after '='");
      }
      try {
        out.add(new Output(ReportFormat.parse(name), file));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    long toStdout = out.stream().filter(o -> o.file() == null).count();
    long toOutput = output == null ? 0 : out.stream().filter(o -> o.file() == output).count();
    if (toStdout > 1 || toOutput > 1) {
      throw new UsageException("at most one --format can go to " + (toStdout > 1 ? "standard output" : "--output") + "; give the others a file: --format sarif=exfilguard.sarif");
    }
    return out;
  }

  /** Built-in rules and the config's custom ones, filtered and re-ranked as the config says. */
  private static List<Rule> rules(Config config) throws ConfigException, RuleException {
    List<Rule> all = new ArrayList<>(RuleLoader.builtIn());
    java.util.Map<String, String> sources = new java.util.HashMap<>();
    for (Rule r : all) sources.put(r.meta().id(), r.meta().source());
    for (Path dir : config.ruleDirs()) {
      try {
        for (Rule r : RuleLoader.loadDirectory(dir)) {
          String before = sources.putIfAbsent(r.meta().id(), r.meta().source());
          if (before != null) {
            throw new RuleException(new dev.exfilguard.model.Location(r.meta().source(), 1, 1),
                "rule ID " + r.meta().id() + " is also used by " + before);
          }
          all.add(r);
        }
      } catch (IOException e) {
        throw new RuleException(new dev.exfilguard.model.Location(dir.toString(), 0, 0), "cannot read: " + e.getMessage());
      }
    }
    java.util.Set<String> known = new java.util.TreeSet<>(sources.keySet());
    for (RuleMeta m : ToolRules.ALL) known.add(m.id());
    ConfigLoader.checkRuleIds(config, known);
    java.util.Set<String> enabled = config.enable() == null ? null
        : config.enable().stream().map(Config.RuleRef::id).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> disabled = config.disable().stream().map(Config.RuleRef::id).collect(java.util.stream.Collectors.toSet());
    List<Rule> out = new ArrayList<>();
    for (Rule r : all) {
      String id = r.meta().id();
      if ((enabled != null && !enabled.contains(id)) || disabled.contains(id)) continue;
      Severity override = null;
      for (var e : config.severity().entrySet()) if (e.getKey().id().equals(id)) override = e.getValue();
      if (override != null) {
        RuleMeta m = r.meta();
        r = new Rule(new RuleMeta(m.id(), m.name(), m.title(), override, m.category(), m.resourceTypes(), m.description(),
            m.remediation(), m.references(), m.source()), r.message(), r.when(), r.check(), r.checkName());
      }
      out.add(r);
    }
    out.sort(java.util.Comparator.comparing(r -> r.meta().id()));
    return out;
  }

  /** Machine formats carry diagnostics in the document; people still see errors on stderr. */
  private static void printDiagnostics(ScanReport report, PrintWriter err) {
    for (Diagnostic d : report.diagnostics()) {
      if (d.kind() == Diagnostic.Kind.ERROR) err.println(d);
    }
    err.flush();
  }

  /** NoSuchFileException and AccessDeniedException carry only the path as their message. */
  static String whyNotWritten(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) return "no such directory";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
