package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.config.ConfigLoader;
import dev.exfilguard.engine.ToolRules;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleException;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.RuleMeta;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code exfilguard rules list} and {@code exfilguard rules explain ID}. */
final class RulesCommand implements Command {
  @Override
  public String name() {
    return "rules";
  }

  @Override
  public List<String> description() {
    return List.of("Lists the rules or explains one.");
  }

  @Override
  public List<Command> subcommands() {
    return List.of(new ListRules(), new Explain(), new Docs());
  }

  private static List<Rule> load() {
    try {
      return RuleLoader.builtIn();
    } catch (RuleException e) {
      throw new IllegalStateException(e.location() + ": " + e.getMessage());
    }
  }

  /**
   * The built-in rules and the custom ones of the config file a scan of the current directory
   * would use, so that the command a text finding ends with also explains a custom rule.
   */
  private static List<Rule> withCustom() throws ConfigException, RuleException, java.io.IOException {
    List<Rule> all = new ArrayList<>(load());
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    java.nio.file.Path file = ConfigLoader.find(cwd).orElse(null);
    if (file == null) return all;
    Config config = ConfigLoader.load(file, cwd.relativize(file).toString().replace('\\', '/'));
    for (java.nio.file.Path dir : config.ruleDirs()) all.addAll(RuleLoader.loadCustomDirectory(dir));
    all.sort(java.util.Comparator.comparing(r -> r.meta().id()));
    return all;
  }

  /** {@link #withCustom()}, or null after printing why it cannot be read. */
  private static List<Rule> withCustom(Streams io) throws java.io.IOException {
    try {
      return withCustom();
    } catch (ConfigException e) {
      io.err().println(e.render());
    } catch (RuleException e) {
      io.err().println(e.location() + ": error: " + e.getMessage());
    }
    return null;
  }

  static final class ListRules implements Command {
    @Override
    public String name() {
      return "list";
    }

    @Override
    public List<String> description() {
      return List.of("Lists every rule: ID, severity, title (with the custom rules of the config file a scan here uses).");
    }

    @Override
    public int run(Streams io) throws java.io.IOException {
      List<Rule> rules = withCustom(io);
      if (rules == null) return Main.ERROR;
      PrintWriter out = io.out();
      for (Rule r : rules) {
        RuleMeta m = r.meta();
        out.printf("%-8s  %-6s  %-24s  %s%n", m.id(), m.severity().label(), m.name(), m.title());
      }
      out.flush();
      return Main.OK;
    }
  }

  static final class Explain implements Command {
    String id;

    @Override
    public String name() {
      return "explain";
    }

    @Override
    public List<String> description() {
      return List.of("Explains one rule: why it matters and how to fix it.");
    }

    @Override
    public Opt.Positional positional() {
      return new Opt.Positional("ID", 1, 1, "A rule ID (AMLX-22) or name (nsg-frontdoor-egress).");
    }

    @Override
    public void positional(String v) {
      id = v;
    }

    @Override
    public int run(Streams io) throws java.io.IOException {
      List<Rule> rules = withCustom(io);
      if (rules == null) return Main.ERROR;
      // the tool's own findings (EXFG-nn) are explained too: every text finding names this command
      List<RuleMeta> metas = new ArrayList<>(rules.stream().map(Rule::meta).toList());
      metas.addAll(ToolRules.ALL);
      for (RuleMeta m : metas) {
        if (m.id().equalsIgnoreCase(id) || m.name().equalsIgnoreCase(id)) {
          io.out().print(RuleText.explain(m));
          io.out().flush();
          return Main.OK;
        }
      }
      io.err().println("exfilguard: no rule '" + id + "'; 'exfilguard rules list' shows them all");
      return Main.ERROR;
    }
  }

  static final class Docs implements Command {
    java.nio.file.Path root = java.nio.file.Path.of(".");
    java.nio.file.Path output;

    @Override
    public String name() {
      return "docs";
    }

    @Override
    public List<String> description() {
      return List.of("Writes the rule catalogue as Markdown (rules/README.md), with examples from testdata/rules/ under --root.");
    }

    @Override
    public List<Opt> options() {
      return List.of(
          Opt.value("--root", "DIR", "The checkout whose testdata/rules/ holds the fixtures (default: .)."),
          Opt.value("-o,--output", "FILE", "Write to FILE instead of standard output."));
    }

    @Override
    public void set(Opt o, String v) {
      if (o.longName().equals("--root")) root = java.nio.file.Path.of(v);
      else output = java.nio.file.Path.of(v);
    }

    @Override
    public int run(Streams io) throws java.io.IOException {
      List<RuleMeta> metas = load().stream().map(Rule::meta).toList();
      String md = dev.exfilguard.report.RuleDocs.render(metas, Fixtures.read(root.resolve("testdata/rules"), metas));
      if (output != null) {
        java.nio.file.Files.writeString(output, md, java.nio.charset.StandardCharsets.UTF_8);
      } else {
        io.out().print(md);
        io.out().flush();
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
      if (!m.resourceTypes().isEmpty()) sb.append("resources: ").append(String.join(", ", m.resourceTypes())).append('\n');
      sb.append('\n');
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
