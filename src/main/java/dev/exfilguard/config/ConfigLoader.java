package dev.exfilguard.config;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.source.Boundary;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TextFile;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and reads {@code .exfilguard.yaml} strictly: an unknown key, a value of the wrong type,
 * a file or directory that does not exist is an error naming the file, line and column.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = ".exfilguard.yaml";

  private static final Set<String> TOP = Set.of("version", "rules", "severity-threshold", "fail-on", "exclude", "custom-rules",
      "inputs", "suppressions");
  private static final Set<String> RULES = Set.of("enable", "disable", "severity");
  private static final Set<String> INPUTS = Set.of("path", "parameters", "var-files");
  private static final Set<String> SUPPRESSION = Set.of("rule", "path", "resource", "reason", "expires");

  /** A config file is a page of YAML; far larger is not one. */
  private static final long MAX_CONFIG_BYTES = 1L << 20;

  private ConfigLoader() {}

  /**
   * The config file for a scan of {@code start}: the first {@code .exfilguard.yaml} in it or a
   * directory above, up to the repository root (the directory holding {@code .git}) or the file
   * system root when there is no repository.
   */
  public static Optional<Path> find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) dir = dir.getParent();
    while (dir != null) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) return Optional.of(candidate);
      if (Files.exists(dir.resolve(".git"))) return Optional.empty();
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** Reads one config file; {@code display} is the path used in messages. */
  public static Config load(Path file, String display) throws ConfigException {
    String text;
    try {
      text = TextFile.read(file, MAX_CONFIG_BYTES);
    } catch (TextFile.Unreadable e) {
      throw new ConfigException(new Location(display, 1, 1), e.getMessage());
    }
    return parse(file.toAbsolutePath().normalize().getParent(), display, text);
  }

  /**
   * Where the files a config file names may be: its repository (the nearest directory at or
   * above it holding {@code .git}), or its own directory outside a repository. A config file in
   * a pull request is written by its author: it must not make the scan read the CI machine's files.
   */
  static Boundary tree(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    for (Path p = d; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return Boundary.of(List.of(p));
    }
    return Boundary.of(List.of(d));
  }

  public static Config parse(Path dir, String display, String text) throws ConfigException {
    Value root;
    try {
      root = TreeReader.readYaml(display, text);
    } catch (SourceSyntaxException e) {
      // a file of comments only (as a trimmed starter file may be) configures nothing
      if (e.getMessage().equals("empty file")) return new Config(dir, display, null, List.of(), Map.of(), null,
          null, List.of(), List.of(), List.of(), List.of());
      throw new ConfigException(e.location(), e.getMessage());
    }
    if (root instanceof Value.Null) {
      return new Config(dir, display, null, List.of(), Map.of(), null, null, List.of(), List.of(), List.of(), List.of());
    }
    Value.Obj o = obj(root, "the config file");
    keys(o, TOP, "at the top level");
    Value version = o.fields().get("version");
    if (version != null && !(version instanceof Value.Num n && n.value().intValue() == 1 && n.value().scale() <= 0)) {
      throw new ConfigException(version.location(), "'version' must be 1");
    }
    List<Config.RuleRef> enable = null;
    List<Config.RuleRef> disable = List.of();
    Map<Config.RuleRef, Severity> severity = new LinkedHashMap<>();
    Value rules = o.fields().get("rules");
    if (rules != null) {
      Value.Obj r = obj(rules, "'rules'");
      keys(r, RULES, "in 'rules'");
      if (r.fields().containsKey("enable")) enable = ruleRefs(r.fields().get("enable"), "'enable'", false);
      if (r.fields().containsKey("disable")) disable = ruleRefs(r.fields().get("disable"), "'disable'", false);
      Value sev = r.fields().get("severity");
      if (sev != null) {
        Value.Obj s = obj(sev, "'severity'");
        for (Map.Entry<String, Value> e : s.fields().entrySet()) {
          severity.put(new Config.RuleRef(e.getKey(), e.getValue().location()), severity(e.getValue()));
        }
      }
    }
    Severity threshold = o.fields().containsKey("severity-threshold") ? severity(o.fields().get("severity-threshold")) : null;
    FailOn failOn = null;
    Value fail = o.fields().get("fail-on");
    if (fail != null) {
      try {
        failOn = FailOn.parse(str(fail, "a severity or none"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(fail.location(), "'fail-on' must be one of high, medium, low, info, none");
      }
    }
    List<Glob> exclude = new ArrayList<>();
    if (o.fields().containsKey("exclude")) {
      for (Value v : list(o.fields().get("exclude"), "'exclude'")) exclude.add(glob(v, "an exclude glob", true));
    }
    List<Path> ruleDirs = new ArrayList<>();
    Boundary tree = tree(dir);
    if (o.fields().containsKey("custom-rules")) {
      for (Value v : list(o.fields().get("custom-rules"), "'custom-rules'")) {
        Path d = dir.resolve(str(v, "a rule directory")).normalize();
        inside(tree, d, v, "custom rule directory");
        if (!Files.isDirectory(d)) throw new ConfigException(v.location(), "custom rule directory '" + str(v, "") + "' does not exist");
        ruleDirs.add(d);
      }
    }
    List<Config.Inputs> inputs = new ArrayList<>();
    if (o.fields().containsKey("inputs")) {
      for (Value v : list(o.fields().get("inputs"), "'inputs'")) {
        Value.Obj e = obj(v, "an 'inputs' entry");
        keys(e, INPUTS, "in an 'inputs' entry");
        Value path = required(e, "path");
        inputs.add(new Config.Inputs(glob(path, "'path'", true), files(dir, tree, e, "parameters"), files(dir, tree, e, "var-files"),
            e.location()));
      }
    }
    List<Config.SuppressionEntry> suppressions = new ArrayList<>();
    if (o.fields().containsKey("suppressions")) {
      for (Value v : list(o.fields().get("suppressions"), "'suppressions'")) {
        Value.Obj e = obj(v, "a 'suppressions' entry");
        keys(e, SUPPRESSION, "in a 'suppressions' entry");
        Value rule = required(e, "rule");
        List<Config.RuleRef> ids = rule instanceof Value.Arr ? ruleRefs(rule, "'rule'", true)
            : List.of(new Config.RuleRef(str(rule, "'rule'"), rule.location()));
        if (ids.isEmpty()) throw new ConfigException(rule.location(), "'rule' needs at least one rule ID (or \"*\")");
        Value reason = e.fields().get("reason");
        if (reason == null || !(reason instanceof Value.Str s) || s.value().isBlank()) {
          throw new ConfigException(reason == null ? e.location() : reason.location(),
              "a suppression needs a 'reason': say why the risk is accepted");
        }
        Glob path = e.fields().containsKey("path") ? glob(e.fields().get("path"), "'path'", true) : null;
        Glob resource = e.fields().containsKey("resource") ? glob(e.fields().get("resource"), "'resource'", false) : null;
        LocalDate expires = null;
        Value exp = e.fields().get("expires");
        if (exp != null) {
          try {
            expires = LocalDate.parse(str(exp, "'expires'").trim());
          } catch (DateTimeParseException ex) {
            throw new ConfigException(exp.location(), "'expires' must be a date YYYY-MM-DD");
          }
        }
        suppressions.add(new Config.SuppressionEntry(ids, path, resource, ((Value.Str) reason).value().trim(), expires,
            e.location()));
      }
    }
    return new Config(dir, display, enable, disable, severity, threshold, failOn, exclude, ruleDirs, inputs, suppressions);
  }

  /**
   * Checks every rule ID the file names against the rules there are (built-in, custom, EXFG).
   */
  public static void checkRuleIds(Config c, Set<String> known) throws ConfigException {
    List<Config.RuleRef> refs = new ArrayList<>();
    if (c.enable() != null) refs.addAll(c.enable());
    refs.addAll(c.disable());
    refs.addAll(c.severity().keySet());
    for (Config.SuppressionEntry s : c.suppressions()) refs.addAll(s.rules());
    for (Config.RuleRef r : refs) {
      if (r.id().equals("*")) continue;
      if (!known.contains(r.id())) {
        throw new ConfigException(r.location(), "unknown rule ID '" + r.id() + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  private static List<String> files(Path dir, Boundary tree, Value.Obj e, String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    if (!e.fields().containsKey(key)) return out;
    for (Value v : list(e.fields().get(key), "'" + key + "'")) {
      String f = str(v, "a file path");
      Path p = dir.resolve(f).normalize();
      inside(tree, p, v, "file");
      if (!Files.exists(p)) throw new ConfigException(v.location(), "file '" + f + "' does not exist");
      if (!Files.isRegularFile(p)) throw new ConfigException(v.location(), "'" + f + "' is not a regular file");
      out.add(f);
    }
    return out;
  }

  /** A path the config file names must be in its repository; the error names the path as written, nothing of what is there. */
  private static void inside(Boundary tree, Path p, Value v, String what) throws ConfigException {
    if (!tree.contains(p)) {
      throw new ConfigException(v.location(), what + " '" + ((Value.Str) v).value()
          + "' is outside the repository (or leads out of it through a symbolic link); not read");
    }
  }

  /** A path or address glob, compiled once; one that does not parse is an error at its line. */
  private static Glob glob(Value v, String what, boolean path) throws ConfigException {
    String text = str(v, what);
    try {
      return path ? Glob.path(text) : Glob.address(text);
    } catch (Glob.GlobSyntaxException e) {
      throw new ConfigException(v.location(), e.getMessage());
    }
  }

  private static List<Config.RuleRef> ruleRefs(Value v, String what, boolean star) throws ConfigException {
    List<Config.RuleRef> out = new ArrayList<>();
    for (Value item : list(v, what)) {
      String id = str(item, "a rule ID");
      if (id.equals("*") && !star) throw new ConfigException(item.location(), "'*' is not allowed in " + what);
      out.add(new Config.RuleRef(id, item.location()));
    }
    return out;
  }

  private static Severity severity(Value v) throws ConfigException {
    try {
      return Severity.parse(str(v, "a severity"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(v.location(), "severity must be one of high, medium, low, info");
    }
  }

  private static Value required(Value.Obj o, String key) throws ConfigException {
    Value v = o.fields().get(key);
    if (v == null) throw new ConfigException(o.location(), "missing '" + key + "'");
    return v;
  }

  private static void keys(Value.Obj o, Set<String> allowed, String where) throws ConfigException {
    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new ConfigException(e.getValue().location(), "unknown key '" + e.getKey() + "' " + where + " (allowed: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static Value.Obj obj(Value v, String what) throws ConfigException {
    if (v instanceof Value.Obj o) return o;
    throw new ConfigException(v.location(), what + " must be a mapping");
  }

  private static List<Value> list(Value v, String what) throws ConfigException {
    if (v instanceof Value.Arr a) return a.items();
    throw new ConfigException(v.location(), what + " must be a list");
  }

  private static String str(Value v, String what) throws ConfigException {
    if (v instanceof Value.Str s && !s.value().isBlank()) return s.value();
    throw new ConfigException(v.location(), "expected " + what + " (a non-empty string)");
  }
}
