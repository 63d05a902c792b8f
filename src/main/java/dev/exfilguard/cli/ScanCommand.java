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
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exfilguard scan [PATH...]}. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scans ARM templates (by their $schema) and Terraform modules (.tf) for Azure ML data-exfiltration risks.",
      "Directories are searched recursively, skipping .git, .terraform and node_modules.",
      "Settings come from the first .exfilguard.yaml in the scanned directory or above it, up to the repository root."
    },
    footer = {"", "Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage, configuration or input errors."})
final class ScanCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan (default: the current directory).")
  List<Path> paths = List.of();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
      description = "Output format: text, json, sarif, junit, github or markdown (default: text). FORMAT=FILE writes"
          + " that format to FILE; repeatable, with at most one format on standard output.")
  List<String> formats = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--severity-threshold", paramLabel = "SEVERITY",
      description = "Report and fail only on findings of this severity or higher: high, medium, low or info"
          + " (default: the config file's, else info).")
  String threshold;

  @Option(names = "--no-color", description = "Never colour the text output (also: the NO_COLOR environment variable).")
  boolean noColor;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "An ARM template parameter value (repeatable); overrides parameters files and defaults.")
  java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

  @Option(names = "--parameters", paramLabel = "FILE",
      description = "An ARM parameters file (*.parameters.json) for the templates scanned (repeatable).")
  List<Path> parameterFiles = new ArrayList<>();

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "A Terraform root module variable (repeatable), as terraform plan -var.")
  java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

  @Option(names = "--var-file", paramLabel = "FILE",
      description = "A Terraform .tfvars file for the root modules scanned (repeatable), as terraform plan -var-file.")
  List<Path> varFiles = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Use this config file instead of searching for .exfilguard.yaml.")
  Path configFile;

  @Option(names = "--no-config", description = "Use no config file.")
  boolean noConfig;

  @Option(names = "--no-inline-suppressions",
      description = "Ignore suppressions written in the scanned files (comments, ARM metadata); only the config file's apply.")
  boolean noInlineSuppressions;

  @Option(names = "--report-unused-suppressions",
      description = "Report suppressions that match no finding (EXFG-02).")
  boolean reportUnusedSuppressions;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Report only findings not recorded in FILE (written by --write-baseline); entries that no longer"
          + " occur are listed on standard error.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE",
      description = "Record the current findings in FILE, to be accepted with --baseline; exits 0 unless an input had errors.")
  Path writeBaseline;

  @Option(names = "--diff-base", paramLabel = "REF",
      description = "Report only findings that are new relative to the merge-base of REF and HEAD (the pull-request mode).")
  String diffBase;

  @Option(names = "--staged",
      description = "Scan the staged content (the git index) of the deployment units that the staged changes touch.")
  boolean staged;

  @Option(names = "--hook",
      description = "Judge the staged change (the pre-commit hook): the deployment units it touches, in the index and at"
          + " HEAD; fail on the findings it introduces. Run it with no file names.")
  boolean hook;

  @Option(names = "--all",
      description = "With --hook or --diff-base: report every finding of the touched deployment units, not only the new ones.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Output> outputs = outputs();
    Severity cliThreshold = null;
    if (threshold != null) {
      try {
        cliThreshold = Severity.parse(threshold);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "invalid --severity-threshold '" + threshold + "': use high, medium, low or info");
      }
    }
    if (all && !hook && !staged && diffBase == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--all applies to --hook, --staged and --diff-base");
    }
    if (configFile != null && noConfig) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--config and --no-config exclude each other");
    }
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;

    Config config;
    List<Rule> rules;
    try {
      config = config(cwd, targets);
      rules = rules(config);
    } catch (ConfigException e) {
      err.println(e.render());
      return Main.ERROR;
    } catch (RuleException e) {
      err.println(e.location() + ": error: " + e.getMessage());
      return Main.ERROR;
    }
    Severity min = cliThreshold != null ? cliThreshold : config.threshold() != null ? config.threshold() : Severity.INFO;

    InputOptions inputs = new InputOptions(params, parameterFiles, vars, varFiles, System.getenv());
    ScanRun run = new ScanRun(rules, config, inputs, !noInlineSuppressions, reportUnusedSuppressions, hook, all, Main.version());
    ScanRun.Outcome outcome;
    try {
      outcome = run.scan(cwd, targets, staged, diffBase);
    } catch (GitRepo.GitException e) {
      err.println("exfilguard: " + e.getMessage());
      return Main.ERROR;
    }
    try {
      return report(outcome, outputs, min, err);
    } finally {
      outcome.close();
    }
  }

  private int report(ScanRun.Outcome outcome, List<Output> outputs, Severity min, PrintWriter err) throws IOException {
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
      boolean toTerminal = o.file() == null && System.console() != null;
      boolean color = toTerminal && !noColor && System.getenv("NO_COLOR") == null;
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
        Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        reporter.write(report, w);
        w.flush();
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

  private List<Output> outputs() {
    List<Output> out = new ArrayList<>();
    for (String spec0 : formats.isEmpty() ? List.of("text") : formats) {
      int eq = spec0.indexOf('=');
      String name = eq < 0 ? spec0 : spec0.substring(0, eq);
      Path file = eq < 0 ? output : Path.of(spec0.substring(eq + 1));
      if (eq >= 0 && spec0.substring(eq + 1).isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format " + spec0 + ": no file after '='");
      }
      try {
        out.add(new Output(ReportFormat.parse(name), file));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    long toStdout = out.stream().filter(o -> o.file() == null).count();
    long toOutput = output == null ? 0 : out.stream().filter(o -> o.file() == output).count();
    if (toStdout > 1 || toOutput > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "at most one --format can go to " + (toStdout > 1 ? "standard output" : "--output") + "; give the others a file: --format sarif=exfilguard.sarif");
    }
    return out;
  }

  private Config config(Path cwd, List<Path> targets) throws ConfigException {
    if (noConfig) return Config.none(cwd);
    Path file = configFile;
    if (file == null) {
      file = ConfigLoader.find(ScanRun.commonDirectory(cwd, targets)).orElse(null);
      if (file == null) return Config.none(cwd);
    } else if (!Files.isRegularFile(file)) {
      throw new ConfigException(new dev.exfilguard.model.Location(file.toString(), 0, 0), "no such config file");
    }
    Path abs = file.toAbsolutePath().normalize();
    String display = cwd.relativize(abs).toString().replace('\\', '/');
    return ConfigLoader.load(abs, display);
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
