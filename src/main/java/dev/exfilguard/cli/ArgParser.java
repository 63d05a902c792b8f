package dev.exfilguard.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a command line against the commands' option tables: {@code --name value},
 * {@code --name=value}, {@code -x value}, {@code -xvalue}, {@code --} before positional
 * parameters, options and positional parameters in any order, a subcommand as the first
 * positional word of a command group. Values are applied only when the whole line has been read,
 * so {@code -h} anywhere shows help even after a bad value.
 *
 * <p>Hand-written rather than picocli's parser: building picocli's model of the commands was
 * the largest part of the hook's start-up (about 140 ms of a 400 ms scan); picocli now only
 * renders {@code --help} ({@link Usage}).
 */
final class ArgParser {
  private static final Opt HELP = Opt.flag("-h,--help", "Show this help message and exit.");
  private static final Opt VERSION = Opt.flag("-V,--version", "Print version information and exit.");

  /** What the command line asks for once read. */
  enum Action {
    RUN,
    HELP,
    VERSION
  }

  private final List<Command> path = new ArrayList<>();

  /** The command and its parents as far as the line was read, root first; for messages and help. */
  List<Command> path() {
    return path;
  }

  /** Reads {@code args}; on {@link Action#RUN} the last command of {@link #path()} is ready to run. */
  Action parse(Command root, String[] args) throws UsageException {
    path.clear();
    path.add(root);
    Command command = root;
    Map<String, Opt> byName = index(command);
    List<Map.Entry<Opt, String>> values = new ArrayList<>();
    List<String> positionals = new ArrayList<>();
    // by identity: a record's generated hashCode costs about 25 ms the first time in a JVM
    Set<Opt> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      if (!optionsEnded && arg.length() > 1 && arg.startsWith("-")) {
        String name = arg;
        String value = null;
        if (arg.startsWith("--")) {
          int eq = arg.indexOf('=');
          if (eq > 0) {
            name = arg.substring(0, eq);
            value = arg.substring(eq + 1);
          }
        } else if (arg.length() > 2) {
          name = arg.substring(0, 2);
          value = arg.charAt(2) == '=' ? arg.substring(3) : arg.substring(2);
        }
        Opt opt = byName.get(name);
        if (opt == null) throw new UsageException("unknown option '" + name + "'" + suggestion(name, byName.keySet(), ""));
        if (opt == HELP || opt == VERSION) {
          if (value != null) throw new UsageException("option '" + name + "' takes no value");
          return opt == HELP ? Action.HELP : Action.VERSION;
        }
        if (!opt.takesValue()) {
          if (value != null) throw new UsageException("option '" + name + "' takes no value");
        } else if (value == null) {
          if (i + 1 >= args.length) throw new UsageException("option '" + name + "' needs a value: " + opt.label());
          value = args[++i];
        }
        if (!opt.repeatable() && !seen.add(opt)) throw new UsageException("option '" + opt.longName() + "' given more than once");
        values.add(Map.entry(opt, value == null ? "" : value));
        continue;
      }
      if (!command.subcommands().isEmpty() && positionals.isEmpty()) {
        Command sub = subcommand(command, arg);
        if (sub == null) {
          List<String> names = command.subcommands().stream().map(Command::name).toList();
          throw new UsageException("unknown command '" + arg + "'" + suggestion(arg, names, qualifiedName(path) + " "));
        }
        command = sub;
        path.add(sub);
        byName = index(sub);
        seen.clear();
        continue;
      }
      Opt.Positional p = command.positional();
      if (p == null || positionals.size() >= p.max()) throw new UsageException("unexpected argument '" + arg + "'");
      positionals.add(arg);
    }
    Opt.Positional p = command.positional();
    if (p != null && positionals.size() < p.min()) throw new UsageException("missing " + p.label());
    for (Map.Entry<Opt, String> v : values) command.set(v.getKey(), v.getKey().takesValue() ? v.getValue() : null);
    for (String s : positionals) command.positional(s);
    return Action.RUN;
  }

  static String qualifiedName(List<Command> path) {
    StringBuilder sb = new StringBuilder();
    for (Command c : path) sb.append(sb.length() == 0 ? "" : " ").append(c.name());
    return sb.toString();
  }

  private static Command subcommand(Command group, String name) {
    for (Command c : group.subcommands()) if (c.name().equals(name)) return c;
    return null;
  }

  private static Map<String, Opt> index(Command command) {
    Map<String, Opt> out = new HashMap<>();
    for (Opt o : List.of(HELP, VERSION)) for (String n : o.names()) out.put(n, o);
    for (Opt o : command.options()) for (String n : o.names()) out.put(n, o);
    return out;
  }

  /**
   * {@code "; did you mean '--fail-on'?"} for a mistyped name: the candidates it starts, or
   * those within one edit in four letters (a swapped pair of letters counts as one), closest first; empty
   * when nothing is close enough to be a plausible typo.
   */
  static String suggestion(String typed, Iterable<String> candidates, String prefix) {
    String t = typed.toLowerCase(Locale.ROOT);
    String bare = t.replaceFirst("^-+", "");
    List<String> starts = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    List<String> closest = new ArrayList<>();
    for (String c : candidates) {
      if (c.startsWith("--") != t.startsWith("--") && t.startsWith("-")) continue;
      String cl = c.toLowerCase(Locale.ROOT);
      if (bare.length() >= 2 && cl.replaceFirst("^-+", "").startsWith(bare)) starts.add(c);
      int d = distance(t, cl);
      if (d < best) {
        best = d;
        closest.clear();
      }
      if (d == best) closest.add(c);
    }
    // one edit in four letters at most, and never for names too short to tell apart
    boolean close = bare.length() >= 3 && best <= Math.max(1, bare.length() / 4);
    List<String> chosen = !starts.isEmpty() ? starts : close ? closest : List.of();
    if (chosen.isEmpty()) return "";
    List<String> sorted = new ArrayList<>(chosen);
    sorted.sort(null);
    List<String> quoted = sorted.stream().limit(3).map(s -> "'" + prefix + s + "'").toList();
    return "; did you mean " + String.join(" or ", quoted) + "?";
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
