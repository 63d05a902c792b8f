package dev.exfilguard.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --help}: picocli's usage layout, built through its programmatic API from the same
 * option tables {@link ArgParser} reads, so help always lists what the parser accepts. Only help
 * loads picocli; a scan never does.
 */
final class Usage {
  private Usage() {}

  /** Prints the help of the last command of {@code path} (root first). */
  static void print(List<Command> path, PrintWriter out) {
    CommandLine cl = new CommandLine(spec(path.get(0)));
    for (Command c : path.subList(1, path.size())) cl = cl.getSubcommands().get(c.name());
    cl.usage(out);
    out.flush();
  }

  private static CommandSpec spec(Command c) {
    CommandSpec s = CommandSpec.create().name(c.name()).mixinStandardHelpOptions(true).version(Main.versionLine());
    s.usageMessage().description(c.description().toArray(String[]::new));
    if (!c.footer().isEmpty()) {
      String[] footer = new String[c.footer().size() + 1];
      footer[0] = "";
      for (int i = 0; i < c.footer().size(); i++) footer[i + 1] = c.footer().get(i);
      s.usageMessage().footer(footer);
    }
    for (Opt o : c.options()) {
      OptionSpec.Builder b = OptionSpec.builder(o.names().toArray(String[]::new)).description(o.help());
      if (!o.takesValue()) {
        b.arity("0").type(boolean.class);
      } else if (o.repeatable()) {
        b.arity("1").paramLabel(o.label()).type(List.class).auxiliaryTypes(String.class);
      } else {
        b.arity("1").paramLabel(o.label()).type(String.class);
      }
      s.addOption(b.build());
    }
    Opt.Positional p = c.positional();
    if (p != null) {
      String arity = p.min() + ".." + (p.max() == Integer.MAX_VALUE ? "*" : Integer.toString(p.max()));
      s.addPositional(PositionalParamSpec.builder().paramLabel(p.label()).arity(arity).description(p.help())
          .type(p.max() > 1 ? List.class : String.class).auxiliaryTypes(String.class).build());
    }
    for (Command sub : c.subcommands()) s.addSubcommand(sub.name(), spec(sub));
    return s;
  }
}
