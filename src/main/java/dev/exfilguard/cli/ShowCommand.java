package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.report.DeploymentReporter;
import dev.exfilguard.report.TextReporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code exfilguard show [PATH...]}: the evaluated deployment, as a person can check it. */
final class ShowCommand implements Command {
  final InputArgs inputs = new InputArgs();
  String format = "text";
  Path output;

  private static final List<Opt> OPTIONS = options(List.of(
      Opt.value("-f,--format", "FORMAT", "text (default) or json, a stable document (version 1, schemas/show-v1.schema.json)."),
      Opt.value("-o,--output", "FILE", "Write to FILE instead of standard output.")));

  private static List<Opt> options(List<Opt> own) {
    List<Opt> all = new ArrayList<>(own);
    all.addAll(InputArgs.OPTIONS);
    return List.copyOf(all);
  }

  @Override
  public String name() {
    return "show";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Prints the deployment as exfilguard evaluates it: each resource with its type, name, address, declaration,",
        "deployment state and evaluated properties (each value with its origin: literal, parameter, default, symbol),",
        "then the links between resources (compute -> subnet -> NSG, route table, policy; workspace -> storage; ...).",
        "Reads the same inputs as scan, with the same options and config file.");
  }

  @Override
  public List<String> footer() {
    return List.of("Exit codes: 0 shown, 2 usage, configuration or input errors.");
  }

  @Override
  public List<Opt> options() {
    return OPTIONS;
  }

  @Override
  public Opt.Positional positional() {
    return InputArgs.POSITIONAL;
  }

  @Override
  public void set(Opt o, String v) throws UsageException {
    switch (o.longName()) {
      case "--format" -> format = v;
      case "--output" -> output = Path.of(v);
      default -> inputs.set(o, v);
    }
  }

  @Override
  public void positional(String v) {
    inputs.path(v);
  }

  @Override
  public int run(Streams io) throws UsageException, IOException {
    if (!format.equals("text") && !format.equals("json")) throw new UsageException("invalid --format '" + format + "': use text or json");
    Path cwd = Path.of("").toAbsolutePath();
    Config config;
    try {
      config = inputs.config(cwd);
    } catch (ConfigException e) {
      io.err().println(e.render());
      return Main.ERROR;
    }
    ScanRun run = new ScanRun(() -> List.of(), config, inputs.inputOptions(io.env()), false, false, false, false, Main.version(), inputs.skipPaths);
    Scanner.Scanned read = run.read(cwd, inputs.targets());
    DeploymentReporter reporter = new DeploymentReporter(format.equals("json"));
    if (output != null) {
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        reporter.write(read.deployments(), w);
      } catch (IOException e) {
        io.err().println("exfilguard: cannot write " + output + ": " + ScanCommand.whyNotWritten(e));
        return Main.ERROR;
      }
    } else {
      reporter.write(read.deployments(), io.out());
    }
    boolean errors = false;
    for (Diagnostic d : read.report().diagnostics()) {
      io.err().println(TextReporter.plainLine(d));
      errors |= d.kind() == Diagnostic.Kind.ERROR;
    }
    return errors ? Main.ERROR : Main.OK;
  }
}
