package dev.exfilguard.cli;

import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleException;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.RuleMeta;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code exfilguard rules list} and {@code exfilguard rules explain ID}. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Lists the rules or explains one.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class, RulesCommand.Docs.class})
final class RulesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static List<Rule> load() {
    try {
      return RuleLoader.builtIn();
    } catch (RuleException e) {
      throw new IllegalStateException(e.location() + ": " + e.getMessage());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every rule: ID, severity, title.")
  static final class ListRules implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (Rule r : load()) {
        RuleMeta m = r.meta();
        out.printf("%-8s  %-6s  %-24s  %s%n", m.id(), m.severity().label(), m.name(), m.title());
      }
      out.flush();
      return Main.OK;
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explains one rule: why it matters and how to fix it.")
  static final class Explain implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A rule ID (AMLX-22) or name (nsg-frontdoor-egress).")
    String id;

    @Override
    public Integer call() {
      for (Rule r : load()) {
        RuleMeta m = r.meta();
        if (m.id().equalsIgnoreCase(id) || m.name().equalsIgnoreCase(id)) {
          PrintWriter out = spec.commandLine().getOut();
          out.print(RuleText.explain(m));
          out.flush();
          return Main.OK;
        }
      }
      spec.commandLine().getErr().println("exfilguard: no rule '" + id + "'; 'exfilguard rules list' shows them all");
      return Main.ERROR;
    }
  }

  @Command(name = "docs", mixinStandardHelpOptions = true,
      description = "Writes the rule catalogue as Markdown (rules/README.md), with examples from testdata/rules/ under --root.")
  static final class Docs implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--root", paramLabel = "DIR", description = "The checkout whose testdata/rules/ holds the fixtures (default: .).")
    java.nio.file.Path root = java.nio.file.Path.of(".");

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    java.nio.file.Path output;

    @Override
    public Integer call() throws java.io.IOException {
      List<RuleMeta> metas = load().stream().map(Rule::meta).toList();
      String md = dev.exfilguard.report.RuleDocs.render(metas, Fixtures.read(root.resolve("testdata/rules"), metas));
      if (output != null) {
        java.nio.file.Files.writeString(output, md, java.nio.charset.StandardCharsets.UTF_8);
      } else {
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
      }
      return Main.OK;
    }
  }

  /** The fixture texts of each rule, by path relative to its fixture directory. */
  static final class Fixtures {
    private Fixtures() {}

    static java.util.Map<String, java.util.Map<String, String>> read(java.nio.file.Path dir, List<RuleMeta> rules) throws java.io.IOException {
      java.util.Map<String, java.util.Map<String, String>> out = new java.util.TreeMap<>();
      for (RuleMeta m : rules) {
        java.util.Map<String, String> texts = new java.util.TreeMap<>();
        for (String f : List.of("arm/bad.json", "arm/good.json", "terraform/bad.tf", "terraform/good.tf", "bicep/bad.bicep", "bicep/good.bicep")) {
          java.nio.file.Path p = dir.resolve(m.name()).resolve(f);
          if (java.nio.file.Files.isRegularFile(p)) texts.put(f, java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8));
        }
        out.put(m.name(), texts);
      }
      return out;
    }
  }

  /** The plain-text explanation of a rule. */
  static final class RuleText {
    private RuleText() {}

    static String explain(RuleMeta m) {
      StringBuilder sb = new StringBuilder();
      sb.append(m.id()).append("  ").append(m.title()).append('\n');
      sb.append("severity: ").append(m.severity().label()).append("   category: ").append(m.category())
          .append("   name: ").append(m.name()).append('\n');
      sb.append("resources: ").append(String.join(", ", m.resourceTypes())).append("\n\n");
      sb.append("Why it matters\n").append(indent(m.description())).append("\n\n");
      sb.append("How to fix\n").append(indent(m.remediation())).append('\n');
      if (!m.references().isEmpty()) {
        sb.append("\nReferences\n");
        for (String ref : m.references()) sb.append("  ").append(ref).append('\n');
      }
      return sb.toString();
    }

    private static String indent(String text) {
      return "  " + text.strip().replace("\n", "\n  ");
    }
  }
}
