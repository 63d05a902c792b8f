package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.config.ConfigLoader;
import dev.exfilguard.config.FailOn;
import dev.exfilguard.engine.Baseline;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.GitRepo;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.ToolRules;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.report.ReportFormat;
import dev.exfilguard.report.Reporter;
import dev.exfilguard.report.SarifReporter;
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
  FailOn failOn;
  boolean softFail;
  boolean quiet;
  boolean compact;
  Path sarifRoot;
  final RuleSelection selection = new RuleSelection();
  boolean noColor;
  boolean noInlineSuppressions;
  boolean reportUnusedSuppressions;
  Path baseline;
  Path writeBaseline;
  String diffBase;
  boolean staged;
  boolean hook;
  boolean all;

  @Override
  public String name() {
    return "scan";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Scans ARM templates (by their $schema), Bicep files (.bicep, .bicepparam) and Terraform modules (.tf) for Azure ML data-exfiltration risks.",
        "Directories are searched recursively, skipping .git, .terraform and node_modules.",
        "Settings come from the first .exfilguard.yaml in the scanned directory or above it, up to the repository root.");
  }

  @Override
  public List<String> footer() {
    return List.of("Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage, configuration or input errors.",
        "FORCE_COLOR (not empty) colours the text output even when it is not a terminal; NO_COLOR (not empty) turns"
            + " colour off.");
  }

  private static final List<Opt> OPTIONS = options(List.of(
        Opt.repeatable("-f,--format", "FORMAT[=FILE]",
            "Output format: text, json, sarif, junit, github or markdown (default: text). FORMAT=FILE writes"
                + " that format to FILE; repeatable, with at most one format on standard output."),
        Opt.value("-o,--output", "FILE", "Write the report to FILE instead of standard output."),
        Opt.value("--severity-threshold", "SEVERITY",
            "Report only findings of this severity or higher: high, medium, low or info (default: the config"
                + " file's, else info). Also what fails the scan, unless --fail-on says otherwise."),
        Opt.value("--fail-on", "SEVERITY",
            "Exit 1 on findings of this severity or higher, shown or not: high, medium, low, info, or none"
                + " (default: the config file's fail-on, else the severity threshold)."),
        Opt.flag("--soft-fail", "Never exit 1 on findings (--fail-on none); input errors still exit 2."),
        Opt.repeatable("--rule", "ID",
            "Run only this rule (repeatable; an ID or name, globs like AMLX-2* allowed). Wins over the config"
                + " file's enable and disable."),
        Opt.repeatable("--skip-rule", "ID", "Do not run this rule (repeatable; an ID or name, globs like AMLX-2* allowed)."),
        Opt.flag("-q,--quiet", "Print only the findings: no summary line and no notes (errors are still printed)."),
        Opt.flag("--compact", "Print each finding on one line: no source line, related locations or help line."),
        Opt.value("--sarif-root", "DIR",
            "SARIF paths are relative to DIR (%SRCROOT%; default: the current directory); files outside it get"
                + " absolute file: URIs."),
        Opt.flag("--no-color", "Never colour the text output (also: a NO_COLOR environment variable that is not empty)."),
        Opt.flag("--no-inline-suppressions",
            "Ignore suppressions written in the scanned files (comments, ARM metadata); only the config file's apply."),
        Opt.flag("--report-unused-suppressions", "Report suppressions that match no finding (EXFG-02)."),
        Opt.value("--baseline", "FILE",
            "Report only findings not recorded in FILE (written by --write-baseline); entries that no longer"
                + " occur are listed on standard error."),
        Opt.value("--write-baseline", "FILE",
            "Record the current findings in FILE, to be accepted with --baseline; exits 0 unless an input had errors."),
        Opt.value("--diff-base", "REF",
            "Report only findings that are new relative to the merge-base of REF and HEAD (the pull-request mode)."),
        Opt.flag("--staged", "Scan the staged content (the git index) of the deployment units that the staged changes touch."),
        Opt.flag("--hook",
            "Judge the staged change (the pre-commit hook): the deployment units it touches, in the index and at"
                + " HEAD; fail on the findings it introduces. Run it with no file names."),
        Opt.flag("--all", "With --hook, --staged or --diff-base: report every finding of the touched deployment units, not only the new ones.")));

  private static List<Opt> options(List<Opt> own) {
    List<Opt> all = new ArrayList<>(own);
    all.addAll(InputArgs.OPTIONS);
    return List.copyOf(all);
  }

  @Override
  public Opt.Positional positional() {
    return InputArgs.POSITIONAL;
  }

  @Override
  public List<Opt> options() {
    return OPTIONS;
  }

  @Override
  public void set(Opt o, String v) throws UsageException {
    switch (o.longName()) {
      case "--format" -> formats.add(v);
      case "--output" -> output = Path.of(v);
      case "--severity-threshold" -> threshold = severity("--severity-threshold", v);
      case "--fail-on" -> failOn = failOn(v);
      case "--soft-fail" -> softFail = true;
      case "--rule" -> selection.include.add(v);
      case "--skip-rule" -> selection.exclude.add(v);
      case "--quiet" -> quiet = true;
      case "--compact" -> compact = true;
      case "--sarif-root" -> sarifRoot = Path.of(v);
      case "--no-color" -> noColor = true;
      case "--no-inline-suppressions" -> noInlineSuppressions = true;
      case "--report-unused-suppressions" -> reportUnusedSuppressions = true;
      case "--baseline" -> baseline = Path.of(v);
      case "--write-baseline" -> writeBaseline = Path.of(v);
      case "--diff-base" -> diffBase = v;
      case "--staged" -> staged = true;
      case "--hook" -> hook = true;
      case "--all" -> all = true;
      default -> inputs.set(o, v);
    }
  }

  @Override
  public void positional(String v) {
    inputs.path(v);
  }

  private static FailOn failOn(String value) throws UsageException {
    try {
      return FailOn.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid --fail-on '" + value + "': use high, medium, low, info or none");
    }
  }

  private static Severity severity(String option, String value) throws UsageException {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid " + option + " '" + value + "': use high, medium, low or info");
    }
  }

  private final Path cwd = Path.of("").toAbsolutePath();

  @Override
  public int run(Streams io) throws UsageException, IOException {
    PrintWriter err = io.err();
    List<Output> outputs = outputs();
    if (softFail && failOn != null) throw new UsageException("--soft-fail and --fail-on exclude each other");
    if (all && !hook && !staged && diffBase == null) throw new UsageException("--all applies to --hook, --staged and --diff-base");
    List<Path> targets = inputs.targets();

    Config config;
    try {
      config = inputs.config(cwd);
    } catch (ConfigException e) {
      err.println(e.render());
      return Main.ERROR;
    }
    Severity min = threshold != null ? threshold : config.threshold() != null ? config.threshold() : Severity.INFO;
    FailOn fail = softFail ? FailOn.NEVER : failOn != null ? failOn : config.failOn() != null ? config.failOn() : FailOn.at(min);

    // the scan asks for the rules once it has read the files: the built-in ones are still loading
    // on another thread meanwhile (Main), which is most of a hook's start-up
    Rules rules = new Rules(config);
    InputOptions inputOptions = inputs.inputOptions(io.env());
    ScanRun run = new ScanRun(rules, config, inputOptions, !noInlineSuppressions, reportUnusedSuppressions, hook, all, Main.version(),
        inputs.skipPaths);
    ScanRun.Outcome outcome;
    try {
      outcome = run.scan(cwd, targets, staged, diffBase);
      rules.get();
    } catch (GitRepo.GitException e) {
      err.println("exfilguard: " + e.getMessage());
      return Main.ERROR;
    } catch (Rules.Unavailable e) {
      if (e.getCause() instanceof UsageException u) throw u;
      if (e.getCause() instanceof ConfigException c) err.println(c.render());
      else if (e.getCause() instanceof RuleException r) err.println(r.location() + ": error: " + r.getMessage());
      return Main.ERROR;
    }
    try {
      return report(outcome, outputs, min, fail, io);
    } finally {
      outcome.close();
    }
  }

  private int report(ScanRun.Outcome outcome, List<Output> outputs, Severity min, FailOn fail, Streams io)
      throws IOException {
    PrintWriter err = io.err();
    ScanReport full = outcome.report();
    // the tool's own rules (EXFG) run with every scan; --rule and --skip-rule select them too
    java.util.Map<String, RuleMeta> byId = new java.util.HashMap<>();
    for (RuleMeta m : full.rules()) byId.put(m.id(), m);
    java.util.function.Predicate<Finding> selected = f -> !byId.containsKey(f.ruleId()) || selection.selects(byId.get(f.ruleId()));
    List<Finding> current = full.findings().stream().filter(selected).toList();
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
      for (Baseline.Entry stale : quiet ? List.<Baseline.Entry>of() : m.stale()) {
        err.println(TextReporter.plainText("exfilguard: " + baseline + ": note: no longer found: " + stale.ruleId() + " " + stale.resource()
            + (stale.attributePath().isEmpty() ? "" : " " + stale.attributePath()) + " (" + stale.file() + ")"));
      }
      if (!m.stale().isEmpty() && !quiet) {
        err.println("exfilguard: " + m.stale().size() + " baseline entr" + (m.stale().size() == 1 ? "y" : "ies")
            + " no longer occur; run --write-baseline again to drop them");
      }
    }
    List<Finding> shown = current.stream().filter(f -> f.severity().atLeast(min)).toList();
    List<ScanReport.Suppressed> suppressed = full.suppressed().stream()
        .filter(s -> s.finding().severity().atLeast(min) && selected.test(s.finding())).toList();
    List<RuleMeta> ran = full.rules().stream().filter(selection::selects).toList();
    ScanReport report = new ScanReport(shown, full.diagnostics(), ran, full.files(), full.toolVersion(),
        suppressed, full.known() + known);

    boolean anyText = outputs.stream().anyMatch(o -> o.format() == ReportFormat.TEXT);
    for (Output o : outputs) {
      boolean color = o.file() == null && io.color(noColor);
      Reporter reporter = switch (o.format()) {
        case TEXT -> new TextReporter(color, outcome::lines, err, new TextReporter.Options(compact, quiet));
        case SARIF -> new SarifReporter(cwd, sarifRoot != null ? sarifRoot : cwd);
        default -> o.format().reporter(false, outcome::lines);
      };
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
    if (writeBaseline != null && !quiet) {
      err.println("exfilguard: wrote " + full.findings().size() + " finding" + (full.findings().size() == 1 ? "" : "s")
          + " to " + writeBaseline);
      err.flush();
    }
    boolean inputErrors = report.diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.ERROR);
    if (inputErrors) return Main.ERROR;
    if (writeBaseline != null) return Main.OK;
    List<Finding> failing = current.stream().filter(f -> fail.fails(f.severity())).toList();
    long hidden = failing.stream().filter(f -> !f.severity().atLeast(min)).count();
    if (hidden > 0) {
      // otherwise an exit 1 with nothing shown would be a riddle
      err.println("exfilguard: " + hidden + " finding" + (hidden == 1 ? "" : "s") + " below the severity threshold "
          + min.label() + " fail the scan (--fail-on " + fail + ") but are not shown");
      err.flush();
    }
    return failing.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  /** The rules of this scan, made once when first asked for; a failure is rethrown as Unavailable. */
  private final class Rules implements java.util.function.Supplier<List<Rule>> {
    private final Config config;
    private List<Rule> rules;
    private Unavailable failure;

    Rules(Config config) {
      this.config = config;
    }

    @Override
    public synchronized List<Rule> get() {
      if (failure != null) throw failure;
      if (rules == null) {
        try {
          rules = rules(config);
        } catch (ConfigException | RuleException | UsageException e) {
          failure = new Unavailable(e);
          throw failure;
        }
      }
      return rules;
    }

    /** Why the rules could not be made: a config, rule file or usage error. */
    static final class Unavailable extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Unavailable(Exception cause) {
        super(cause.getMessage(), cause);
      }
    }
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
    if (output != null && out.stream().noneMatch(o -> o.file() == output)) {
      throw new UsageException("--output " + output + " is not used: every --format names its own file");
    }
    long toStdout = out.stream().filter(o -> o.file() == null).count();
    long toOutput = output == null ? 0 : out.stream().filter(o -> o.file() == output).count();
    if (toStdout > 1 || toOutput > 1) {
      throw new UsageException("at most one --format can go to " + (toStdout > 1 ? "standard output" : "--output") + "; give the others a file: --format sarif=exfilguard.sarif");
    }
    return out;
  }

  /**
   * Built-in rules and the config's custom ones, selected by {@code --rule} (or else the config's
   * enable and disable) and {@code --skip-rule}, and re-ranked as the config says.
   */
  private List<Rule> rules(Config config) throws ConfigException, RuleException, UsageException {
    List<Rule> all = new ArrayList<>(RuleLoader.builtIn());
    java.util.Map<String, String> sources = new java.util.HashMap<>();
    for (Rule r : all) sources.put(r.meta().id(), r.meta().source());
    for (Path dir : config.ruleDirs()) {
      try {
        for (Rule r : RuleLoader.loadCustomDirectory(dir)) {
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
    List<RuleMeta> metas = new ArrayList<>(all.stream().map(Rule::meta).toList());
    metas.addAll(ToolRules.ALL);
    selection.check(metas);
    java.util.Set<String> enabled = config.enable() == null ? null
        : config.enable().stream().map(Config.RuleRef::id).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> disabled = config.disable().stream().map(Config.RuleRef::id).collect(java.util.stream.Collectors.toSet());
    List<Rule> out = new ArrayList<>();
    for (Rule r : all) {
      String id = r.meta().id();
      boolean on = selection.selects(r.meta())
          && (selection.names() || (enabled == null || enabled.contains(id)) && !disabled.contains(id));
      if (!on) continue;
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
      if (d.kind() == Diagnostic.Kind.ERROR) err.println(TextReporter.plainLine(d));
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
