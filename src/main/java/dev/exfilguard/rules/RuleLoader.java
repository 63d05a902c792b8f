package dev.exfilguard.rules;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TextFile;
import dev.exfilguard.source.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Loads rule YAML files strictly: an unknown key, a missing field, a bad ID or severity, a
 * condition that is not well formed, or a check that does not exist is an error naming the
 * file and line.
 */
public final class RuleLoader {
  /**
   * Whether {@code id} looks like a rule ID: {@code AMLX-nn} for the catalogue, {@code EXFG-nn} for
   * exfilguard's notes about its own inputs (reserved for built-in rules). Not a static Pattern
   * field: the main thread initialises this class when it starts {@link #preload}, and a JVM's
   * first regular expression costs about 6 ms to compile, better paid on the loading thread.
   */
  public static boolean isRuleId(String id) {
    return IdPattern.ID.matcher(id).matches();
  }

  private static final class IdPattern {
    static final Pattern ID = Pattern.compile("(AMLX|EXFG)-\\d{2}");
  }
  public static final String CHECK_PACKAGE = "dev.exfilguard.rules.checks";
  private static final Set<String> KEYS = Set.of(
      "id", "name", "title", "severity", "category", "resources", "description", "remediation",
      "references", "message", "when", "check");
  private static final Set<String> OPS = Set.of("equals", "in", "matches", "exists", "contains");

  private RuleLoader() {}

  private static volatile java.util.concurrent.FutureTask<List<Rule>> preloaded;

  /**
   * Starts loading the built-in rules on another thread, so that a scan's start-up (argument
   * parsing, file reading) and rule loading overlap. {@link #builtIn()} then takes the result.
   *
   * @param first start-up work to do on that thread before the rules, or null. The thread runs
   *     an anonymous class, not a lambda: the first lambda of a JVM sets up the method-handle
   *     machinery (about 8 ms), which this way happens off the main thread.
   */
  public static void preload(Runnable first) {
    if (preloaded != null) return;
    synchronized (RuleLoader.class) {
      if (preloaded != null) return;
      java.util.concurrent.FutureTask<List<Rule>> task = new java.util.concurrent.FutureTask<>(
          new java.util.concurrent.Callable<List<Rule>>() {
            @Override
            public List<Rule> call() throws RuleException {
              if (first != null) first.run();
              return load();
            }
          });
      Thread t = new Thread(task, "exfilguard-rules");
      t.setDaemon(true);
      t.start();
      preloaded = task;
    }
  }

  /** The rules shipped in the jar (or in target/classes when run from a build tree). */
  public static List<Rule> builtIn() throws RuleException {
    java.util.concurrent.FutureTask<List<Rule>> f = preloaded;
    if (f == null) return load();
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuleException re) throw re;
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the rules", e);
    }
  }

  private static List<Rule> load() throws RuleException {
    List<Rule> rules = new ArrayList<>();
    List<RuleBundle.Entry> bundle = bundle();
    if (bundle != null) {
      for (RuleBundle.Entry e : bundle) rules.add(parse(e.file(), e.tree()));
    } else {
      // a class path without the build's bundle (classes compiled by an IDE): the YAML itself
      for (Map.Entry<String, String> e : builtInSources()) rules.add(parse(e.getKey(), e.getValue()));
    }
    rules.sort(Comparator.comparing(r -> r.meta().id()));
    return checkUnique(rules);
  }

  /** A rule file is a page of YAML; far larger is not a rule. */
  private static final long MAX_RULE_BYTES = 1L << 20;

  /** The build's {@link RuleBundle} of the built-in rules, or null when the class path has none. */
  private static List<RuleBundle.Entry> bundle() throws RuleException {
    try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(RuleBundle.RESOURCE)) {
      return in == null ? null : RuleBundle.read(new java.io.BufferedInputStream(in));
    } catch (IOException e) {
      throw new RuleException(new Location(RuleBundle.RESOURCE, 1, 1), "cannot read the built-in rules: " + e.getMessage());
    }
  }

  /** Every {@code *.yaml} in a directory, sorted by ID. */
  public static List<Rule> loadDirectory(Path dir) throws RuleException, IOException {
    return loadDirectory(dir, true);
  }

  /** A config file's {@code custom-rules} directory: as {@link #loadDirectory}, without the IDs reserved for exfilguard's own rules. */
  public static List<Rule> loadCustomDirectory(Path dir) throws RuleException, IOException {
    return loadDirectory(dir, false);
  }

  private static List<Rule> loadDirectory(Path dir, boolean builtIn) throws RuleException, IOException {
    List<Rule> rules = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      Path realDir = dir.toRealPath();
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        String name = dir.getFileName() + "/" + p.getFileName();
        // a rule file that links out of its directory is not read: its content could be anything on the machine
        String text;
        try {
          Path real = p.toRealPath();
          if (!real.startsWith(realDir)) throw new TextFile.Unreadable("leads outside the rule directory (a symbolic link?); not read");
          text = TextFile.read(real, MAX_RULE_BYTES);
        } catch (TextFile.Unreadable e) {
          throw new RuleException(new Location(name, 1, 1), e.getMessage());
        } catch (IOException e) {
          throw new RuleException(new Location(name, 1, 1), TextFile.describe(p, e));
        }
        rules.add(parse(name, text, builtIn));
      }
    }
    rules.sort(Comparator.comparing(r -> r.meta().id()));
    return checkUnique(rules);
  }

  static List<Rule> checkUnique(List<Rule> rules) throws RuleException {
    for (int i = 1; i < rules.size(); i++) {
      if (rules.get(i).meta().id().equals(rules.get(i - 1).meta().id())) {
        throw new RuleException(new Location(rules.get(i).meta().source(), 1, 1),
            "rule ID " + rules.get(i).meta().id() + " is also used by " + rules.get(i - 1).meta().source());
      }
    }
    return rules;
  }

  /** Parses one built-in rule file; {@code file} is its display path ({@code rules/x.yaml}). */
  public static Rule parse(String file, String content) throws RuleException {
    return parse(file, content, true);
  }

  private static Rule parse(String file, String content, boolean builtIn) throws RuleException {
    Value root;
    try {
      root = TreeReader.readYaml(file, content);
    } catch (SourceSyntaxException e) {
      throw new RuleException(e.location(), e.getMessage());
    }
    return parse(file, root, builtIn);
  }

  /** Checks and builds one built-in rule from its file's tree (from the YAML, or the build's bundle). */
  public static Rule parse(String file, Value root) throws RuleException {
    return parse(file, root, true);
  }

  private static Rule parse(String file, Value root, boolean builtIn) throws RuleException {
    if (!(root instanceof Value.Obj o)) throw new RuleException(root.location(), "a rule file must be a mapping");
    for (String k : o.fields().keySet()) {
      if (!KEYS.contains(k)) throw new RuleException(o.fields().get(k).location(), "unknown key '" + k + "' (allowed: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
    }
    String id = str(o, "id");
    if (!isRuleId(id)) throw new RuleException(o.fields().get("id").location(), "rule ID '" + id + "' must look like AMLX-nn");
    if (id.startsWith("EXFG-") && !builtIn) {
      throw new RuleException(o.fields().get("id").location(), "rule ID '" + id + "': EXFG- IDs are reserved for exfilguard's own rules");
    }
    String name = str(o, "name");
    String stem = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.yaml$", "");
    if (!name.equals(stem)) throw new RuleException(o.fields().get("name").location(), "name '" + name + "' must equal the file name '" + stem + "'");
    Severity severity;
    try {
      severity = Severity.parse(str(o, "severity"));
    } catch (IllegalArgumentException e) {
      throw new RuleException(o.fields().get("severity").location(), "severity must be one of high, medium, low, info");
    }
    RuleMeta meta = new RuleMeta(id, name, str(o, "title"), severity, str(o, "category"), strings(o, "resources"),
        str(o, "description").trim(), str(o, "remediation").trim(), strings(o, "references"), file);
    String message = str(o, "message");
    boolean hasWhen = o.fields().containsKey("when");
    boolean hasCheck = o.fields().containsKey("check");
    if (hasWhen == hasCheck) throw new RuleException(o.location(), "a rule needs exactly one of 'when' and 'check'");
    if (hasWhen) {
      if (meta.resourceTypes().isEmpty()) throw new RuleException(o.location(), "a 'when' rule needs at least one entry in 'resources'");
      return new Rule(meta, message, condition(o.fields().get("when")), null, null);
    }
    String checkName = str(o, "check");
    return new Rule(meta, message, null, instantiate(checkName, o.fields().get("check").location()), checkName);
  }

  private static Check instantiate(String name, Location at) throws RuleException {
    if (!name.matches("[A-Z][A-Za-z0-9]*")) throw new RuleException(at, "check '" + name + "' must be a Java class name");
    try {
      Class<?> c = Class.forName(CHECK_PACKAGE + "." + name);
      if (!Check.class.isAssignableFrom(c)) throw new RuleException(at, "class " + c.getName() + " does not implement Check");
      return (Check) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new RuleException(at, "no check named '" + name + "' in " + CHECK_PACKAGE);
    } catch (ReflectiveOperationException e) {
      throw new RuleException(at, "check '" + name + "' cannot be created: " + e);
    }
  }

  private static Condition condition(Value v) throws RuleException {
    if (!(v instanceof Value.Obj o)) throw new RuleException(v.location(), "a condition must be a mapping");
    Location at = o.location();
    Set<String> keys = o.fields().keySet();
    if (keys.contains("all") || keys.contains("any")) {
      String k = keys.contains("all") ? "all" : "any";
      only(o, Set.of(k));
      List<Condition> items = new ArrayList<>();
      Value list = o.fields().get(k);
      if (!(list instanceof Value.Arr a) || a.items().isEmpty()) throw new RuleException(list.location(), "'" + k + "' needs a non-empty list of conditions");
      for (Value item : a.items()) items.add(condition(item));
      return k.equals("all") ? new Condition.All(items, at) : new Condition.Any(items, at);
    }
    if (keys.contains("not")) {
      only(o, Set.of("not"));
      return new Condition.Not(condition(o.fields().get("not")), at);
    }
    if (keys.contains("some") || keys.contains("every")) {
      String k = keys.contains("some") ? "some" : "every";
      only(o, Set.of(k, "where"));
      if (!keys.contains("where")) throw new RuleException(at, "'" + k + "' needs a 'where' condition");
      return new Condition.Quantified(k.equals("every"), str(o, k), condition(o.fields().get("where")), at);
    }
    if (keys.contains("field")) {
      List<String> ops = keys.stream().filter(OPS::contains).toList();
      for (String k : keys) {
        if (!k.equals("field") && !OPS.contains(k)) throw new RuleException(o.fields().get(k).location(), "unknown key '" + k + "' in a field condition (operators: " + String.join(", ", OPS.stream().sorted().toList()) + ")");
      }
      if (ops.size() != 1) throw new RuleException(at, "a field condition needs exactly one operator of " + String.join(", ", OPS.stream().sorted().toList()));
      String op = ops.get(0);
      Value arg = o.fields().get(op);
      return new Condition.Field(str(o, "field"), switch (op) {
        case "equals" -> new Condition.Equals(scalar(arg));
        case "contains" -> new Condition.Contains(scalar(arg));
        case "in" -> {
          if (!(arg instanceof Value.Arr a) || a.items().isEmpty()) throw new RuleException(arg.location(), "'in' needs a non-empty list");
          List<Value> opts = new ArrayList<>();
          for (Value x : a.items()) opts.add(scalar(x));
          yield new Condition.In(opts);
        }
        case "matches" -> {
          try {
            yield new Condition.Matches(Pattern.compile(textOf(arg), Pattern.CASE_INSENSITIVE));
          } catch (PatternSyntaxException e) {
            throw new RuleException(arg.location(), "bad regular expression: " + e.getDescription());
          }
        }
        default -> {
          if (!(arg instanceof Value.Bool b)) throw new RuleException(arg.location(), "'exists' needs true or false");
          yield new Condition.Exists(b.value());
        }
      }, at);
    }
    throw new RuleException(at, "a condition needs one of all, any, not, some, every, field");
  }

  private static void only(Value.Obj o, Set<String> allowed) throws RuleException {
    for (Map.Entry<String, Value> e : o.fields().entrySet()) {
      if (!allowed.contains(e.getKey())) throw new RuleException(e.getValue().location(), "unexpected key '" + e.getKey() + "' here");
    }
  }

  private static Value scalar(Value v) throws RuleException {
    if (v instanceof Value.Arr || v instanceof Value.Obj) throw new RuleException(v.location(), "expected a single value");
    return v;
  }

  private static String str(Value.Obj o, String key) throws RuleException {
    Value v = o.fields().get(key);
    if (v == null) throw new RuleException(o.location(), "missing '" + key + "'");
    return textOf(v);
  }

  private static String textOf(Value v) throws RuleException {
    if (v instanceof Value.Str s && !s.value().isBlank()) return s.value();
    throw new RuleException(v.location(), "expected a non-empty string");
  }

  private static List<String> strings(Value.Obj o, String key) throws RuleException {
    Value v = o.fields().get(key);
    if (v == null) return List.of();
    if (!(v instanceof Value.Arr a)) throw new RuleException(v.location(), "'" + key + "' must be a list");
    List<String> out = new ArrayList<>();
    for (Value item : a.items()) out.add(textOf(item));
    return out;
  }

  /** (display path, content) of every rule file on the class path under {@code rules/}. */
  private static List<Map.Entry<String, String>> builtInSources() throws RuleException {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    URL url = RuleLoader.class.getClassLoader().getResource("rules");
    if (url == null) return out;
    try {
      if (url.getProtocol().equals("jar")) {
        String jarPath = url.getPath().substring("file:".length(), url.getPath().indexOf('!'));
        try (JarFile jar = new JarFile(java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8))) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (e.getName().startsWith("rules/") && e.getName().endsWith(".yaml")) {
              try (InputStream in = jar.getInputStream(e)) {
                out.add(Map.entry(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
              }
            }
          }
        }
      } else {
        Path dir = Path.of(url.toURI());
        try (Stream<Path> s = Files.list(dir)) {
          for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
            out.add(Map.entry("rules/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new RuleException(new Location("rules", 1, 1), "cannot read the built-in rules: " + e.getMessage());
    }
    out.sort(Map.Entry.comparingByKey());
    return out;
  }
}
