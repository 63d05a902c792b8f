package dev.exfilguard.cli;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.report.JsonReporter;
import dev.exfilguard.report.ReportFormat;
import dev.exfilguard.report.Reporter;
import dev.exfilguard.report.SarifReporter;
import dev.exfilguard.report.TextReporter;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleException;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.source.InputOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      "Directories are searched recursively, skipping .git, .terraform and node_modules."
    },
    footer = {"", "Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage or input errors."})
final class ScanCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan (default: the current directory).")
  List<Path> paths = List.of();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Output format: text, json or sarif (default: text).")
  String format = "text";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--severity-threshold", paramLabel = "SEVERITY",
      description = "Report and fail only on findings of this severity or higher: high, medium, low or info (default: info).")
  String threshold = "info";

  @Option(names = "--no-color", description = "Never colour the text output (also: the NO_COLOR environment variable).")
  boolean noColor;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "An ARM template parameter value (repeatable); overrides parameters files and defaults.")
  java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

  @Option(names = "--parameters", paramLabel = "FILE",
      description = "An ARM parameters file (*.parameters.json) for the templates scanned (repeatable).")
  List<Path> parameterFiles = new java.util.ArrayList<>();

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "A Terraform root module variable (repeatable), as terraform plan -var.")
  java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

  @Option(names = "--var-file", paramLabel = "FILE",
      description = "A Terraform .tfvars file for the root modules scanned (repeatable), as terraform plan -var-file.")
  List<Path> varFiles = new java.util.ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat fmt;
    Severity min;
    try {
      fmt = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      min = Severity.parse(threshold);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "invalid --severity-threshold '" + threshold + "': use high, medium, low or info");
    }
    List<Rule> rules;
    try {
      rules = RuleLoader.builtIn();
    } catch (RuleException e) {
      err.println(e.location() + ": error: " + e.getMessage());
      return Main.ERROR;
    }
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;
    InputOptions inputs = new InputOptions(params, parameterFiles, vars, varFiles, System.getenv());
    ScanReport full = new Scanner(rules, cwd, inputs).scan(targets, Main.version());
    List<Finding> shown = full.findings().stream().filter(f -> f.severity().atLeast(min)).toList();
    ScanReport report = new ScanReport(shown, full.diagnostics(), full.rules(), full.files(), full.toolVersion());

    boolean toTerminal = output == null && System.console() != null;
    boolean color = toTerminal && !noColor && System.getenv("NO_COLOR") == null;
    Reporter reporter = switch (fmt) {
      case TEXT -> new TextReporter(color, ScanCommand::lines, err);
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter();
    };
    if (output != null) {
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        reporter.write(report, w);
      } catch (IOException e) {
        err.println("exfilguard: cannot write " + output + ": " + whyNotWritten(e));
        return Main.ERROR;
      }
      if (fmt != ReportFormat.TEXT) printDiagnostics(report, err);
    } else {
      Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      reporter.write(report, w);
      w.flush();
      if (fmt != ReportFormat.TEXT) printDiagnostics(report, err);
    }
    boolean inputErrors = report.diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.ERROR);
    if (inputErrors) return Main.ERROR;
    return shown.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  /** Machine formats carry diagnostics in the document; people still see errors on stderr. */
  private static void printDiagnostics(ScanReport report, PrintWriter err) {
    for (Diagnostic d : report.diagnostics()) {
      if (d.kind() == Diagnostic.Kind.ERROR) err.println(d);
    }
    err.flush();
  }

  /** NoSuchFileException and AccessDeniedException carry only the path as their message. */
  private static String whyNotWritten(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) return "no such directory";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static List<String> lines(String displayPath) {
    try {
      return Files.readAllLines(Path.of(displayPath), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
