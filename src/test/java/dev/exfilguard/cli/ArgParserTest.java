package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written parser against the commands' real option tables. */
class ArgParserTest {

  /** Every command below the root, with the words that name it. */
  private static void commands(Command c, List<String> words, List<List<String>> out, List<Command> found) {
    out.add(words);
    found.add(c);
    for (Command sub : c.subcommands()) {
      List<String> w = new ArrayList<>(words);
      w.add(sub.name());
      commands(sub, w, out, found);
    }
  }

  @Test
  void everyOptionInEveryTableIsHandledByItsCommand() {
    List<List<String>> paths = new ArrayList<>();
    List<Command> commands = new ArrayList<>();
    commands(Main.root(), List.of(), paths, commands);
    int checked = 0;
    for (int i = 0; i < commands.size(); i++) {
      for (Opt o : commands.get(i).options()) {
        List<String> args = new ArrayList<>(paths.get(i));
        args.add(o.names().get(o.names().size() - 1));
        if (o.takesValue()) args.add(o.longName().equals("--fail-on") || o.longName().equals("--severity-threshold") ? "high"
            : o.label().contains("=") ? "a=b" : "x");
        ArgParser p = new ArgParser();
        try {
          assertEquals(ArgParser.Action.RUN, p.parse(Main.root(), args.toArray(String[]::new)), args::toString);
        } catch (UsageException e) {
          throw new AssertionError(args + ": " + e.getMessage());
        }
        checked++;
      }
    }
    assertTrue(checked >= 27, "options checked: " + checked);
  }

  @Test
  void valuesAreAppliedAsWrittenInEveryForm() throws UsageException {
    ArgParser p = new ArgParser();
    p.parse(Main.root(), new String[] {"scan", "-fjson", "--format=sarif=a.sarif", "-o", "out.json", "--param", "a=b=c",
        "--skip-rule", "AMLX-2*", "--", "--odd-path", "b"});
    ScanCommand scan = (ScanCommand) p.path().get(1);
    assertEquals(List.of("json", "sarif=a.sarif"), scan.formats);
    assertEquals(Path.of("out.json"), scan.output);
    assertEquals("b=c", scan.inputs.params.get("a"));
    assertEquals(List.of("AMLX-2*"), scan.selection.exclude);
    assertEquals(List.of(Path.of("--odd-path"), Path.of("b")), scan.inputs.paths);
  }

  @Test
  void helpWinsOverABadValueAndErrorsSayWhat() throws UsageException {
    assertEquals(ArgParser.Action.HELP, new ArgParser().parse(Main.root(), new String[] {"scan", "--fail-on", "bogus", "-h"}));
    assertEquals(ArgParser.Action.VERSION, new ArgParser().parse(Main.root(), new String[] {"-V"}));
    UsageException missing = assertThrows(UsageException.class, () -> new ArgParser().parse(Main.root(), new String[] {"scan", "--config"}));
    assertEquals("option '--config' needs a value: FILE", missing.getMessage());
    UsageException twice = assertThrows(UsageException.class,
        () -> new ArgParser().parse(Main.root(), new String[] {"scan", "--config", "a", "--config", "b"}));
    assertEquals("option '--config' given more than once", twice.getMessage());
    UsageException flag = assertThrows(UsageException.class, () -> new ArgParser().parse(Main.root(), new String[] {"scan", "--quiet=yes"}));
    assertEquals("option '--quiet' takes no value", flag.getMessage());
    UsageException extra = assertThrows(UsageException.class,
        () -> new ArgParser().parse(Main.root(), new String[] {"rules", "explain", "AMLX-22", "AMLX-02"}));
    assertEquals("unexpected argument 'AMLX-02'", extra.getMessage());
    UsageException none = assertThrows(UsageException.class, () -> new ArgParser().parse(Main.root(), new String[] {"rules", "explain"}));
    assertEquals("missing ID", none.getMessage());
  }

  @Test
  void suggestionsAreForPlausibleTyposOnly() {
    List<String> options = List.of("--fail-on", "--format", "--severity-threshold", "--skip-rule", "-o");
    assertEquals("; did you mean '--fail-on'?", ArgParser.suggestion("--fial-on", options, ""));
    assertEquals("; did you mean '--severity-threshold'?", ArgParser.suggestion("--sev", options, ""));
    assertEquals("", ArgParser.suggestion("--bogus", options, ""));
    assertEquals("", ArgParser.suggestion("-x", options, ""), "one-letter names are too short to tell apart");
    assertEquals("; did you mean 'exfilguard scan'?", ArgParser.suggestion("scna", List.of("scan", "rules", "init", "help"), "exfilguard "));
    assertEquals(1, ArgParser.distance("scna", "scan"));
    assertEquals(3, ArgParser.distance("kitten", "sitting"));
  }
}
