package dev.exfilguard.cli;

import dev.exfilguard.rules.RuleLoader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code exfilguard} command. Exit codes: 0 no finding at or above the failure threshold, 1
 * findings, 2 usage, configuration or input errors. Findings go to stdout, diagnostics to
 * stderr; no stack traces.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int ERROR = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code. */
  public static int run(String... args) {
    // most runs are scans: load the rules while the arguments are read and the files found
    if (args.length > 0 && args[0].equals("scan")) RuleLoader.preload(new RecordWarmup());
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    Streams io = new Streams(out, err, System.getenv(), System.console() != null);
    ArgParser parser = new ArgParser();
    try {
      return switch (parser.parse(root(), args)) {
        case HELP -> {
          Usage.print(parser.path(), out);
          yield OK;
        }
        case VERSION -> {
          out.println(versionLine());
          yield OK;
        }
        case RUN -> {
          Command command = parser.path().get(parser.path().size() - 1);
          if (!command.subcommands().isEmpty()) {
            Usage.print(parser.path(), out);
            yield OK;
          }
          yield command.run(io);
        }
      };
    } catch (UsageException e) {
      err.println("exfilguard: " + e.getMessage());
      err.println("Try '" + ArgParser.qualifiedName(parser.path()) + " --help' for usage.");
      return ERROR;
    } catch (IOException | RuntimeException e) {
      err.println("exfilguard: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
      return ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The {@code exfilguard} command and, below it, every other. */
  static Command root() {
    return new Root();
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  static String versionLine() {
    return "exfilguard " + version();
  }

  /** {@code exfilguard}: the command group; bare, it prints its help. */
  private static final class Root implements Command {
    @Override
    public String name() {
      return "exfilguard";
    }

    @Override
    public List<String> description() {
      return List.of("Finds Azure ML data-exfiltration risks in ARM templates (and Bicep output) and Terraform.");
    }

    @Override
    public List<String> footer() {
      return List.of("Exit codes: 0 no findings, 1 findings, 2 usage or input errors.");
    }

    @Override
    public List<Command> subcommands() {
      return List.of(new ScanCommand(), new ShowCommand(), new RulesCommand(), new InitCommand(), new Help());
    }
  }

  /** {@code exfilguard help [COMMAND...]}. */
  private static final class Help implements Command {
    private final List<String> names = new ArrayList<>();

    @Override
    public String name() {
      return "help";
    }

    @Override
    public List<String> description() {
      return List.of("Display help information about the specified command.");
    }

    @Override
    public Opt.Positional positional() {
      return new Opt.Positional("COMMAND", 0, 2, "The command to show help for (rules explain: two words).");
    }

    @Override
    public void positional(String v) {
      names.add(v);
    }

    @Override
    public int run(Streams io) throws UsageException {
      List<Command> path = new ArrayList<>(List.of(new Root()));
      for (String n : names) {
        Command parent = path.get(path.size() - 1);
        Command sub = parent.subcommands().stream().filter(c -> c.name().equals(n)).findFirst().orElse(null);
        if (sub == null) {
          throw new UsageException("unknown command '" + n + "'" + ArgParser.suggestion(n,
              parent.subcommands().stream().map(Command::name).toList(), ArgParser.qualifiedName(path) + " "));
        }
        path.add(sub);
      }
      Usage.print(path, io.out());
      return OK;
    }
  }
}
