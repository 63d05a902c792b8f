package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.report.DeploymentReporter;
import dev.exfilguard.source.InputOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exfilguard show [PATH...]}: the evaluated deployment, as a person can check it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the deployment as exfilguard evaluates it: each resource with its type, name, address, declaration,",
      "deployment state and evaluated properties (each value with its origin: literal, parameter, default, symbol),",
      "then the links between resources (compute -> subnet -> NSG, route table, policy; workspace -> storage; ...).",
      "Reads the same inputs as scan, with the same options and config file."
    },
    footer = {"", "Exit codes: 0 shown, 2 usage, configuration or input errors."})
final class ShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories (default: the current directory).")
  List<Path> paths = List.of();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (default) or json (a stable document, version 1).")
  String format = "text";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "An ARM template parameter value (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--parameters", paramLabel = "FILE", description = "An ARM parameters file for the templates read (repeatable).")
  List<Path> parameterFiles = new ArrayList<>();

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A Terraform root module variable (repeatable).")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "A Terraform .tfvars file for the root modules read (repeatable).")
  List<Path> varFiles = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Use this config file instead of searching for .exfilguard.yaml.")
  Path configFile;

  @Option(names = "--no-config", description = "Use no config file.")
  boolean noConfig;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "invalid --format '" + format + "': use text or json");
    }
    if (configFile != null && noConfig) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--config and --no-config exclude each other");
    }
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;
    Config config;
    try {
      config = ScanCommand.config(cwd, targets, configFile, noConfig);
    } catch (ConfigException e) {
      err.println(e.render());
      return Main.ERROR;
    }
    InputOptions inputs = new InputOptions(params, parameterFiles, vars, varFiles, System.getenv());
    Scanner.Scanned read = new ScanRun(List.of(), config, inputs, false, false, false, Main.version()).read(cwd, targets);
    DeploymentReporter reporter = new DeploymentReporter(format.equals("json"));
    if (output != null) {
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        reporter.write(read.deployments(), w);
      } catch (IOException e) {
        err.println("exfilguard: cannot write " + output + ": " + ScanCommand.whyNotWritten(e));
        return Main.ERROR;
      }
    } else {
      Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      reporter.write(read.deployments(), w);
      w.flush();
    }
    boolean errors = false;
    for (Diagnostic d : read.report().diagnostics()) {
      err.println(d);
      errors |= d.kind() == Diagnostic.Kind.ERROR;
    }
    err.flush();
    return errors ? Main.ERROR : Main.OK;
  }
}
