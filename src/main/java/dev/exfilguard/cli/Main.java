package dev.exfilguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code exfilguard} command. Exit codes: 0 no finding at or above the threshold, 1
 * findings, 2 usage, configuration or input errors. Findings go to stdout, diagnostics to
 * stderr; no stack traces.
 */
@Command(
    name = "exfilguard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds Azure ML data-exfiltration risks in ARM templates (and Bicep output) and Terraform.",
    subcommands = {ScanCommand.class, ShowCommand.class, RulesCommand.class, InitCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 no findings, 1 findings, 2 usage or input errors."})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this). */
  public static int run(String... args) {
    // most runs are scans: load the rules while picocli reads the arguments
    if (args.length > 0 && args[0].equals("scan")) dev.exfilguard.rules.RuleLoader.preload();
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("exfilguard: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
      return ERROR;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println("exfilguard: " + ex.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ERROR;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /** The version from the jar's manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"exfilguard " + version()};
    }
  }
}
