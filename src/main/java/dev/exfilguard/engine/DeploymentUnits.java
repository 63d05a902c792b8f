package dev.exfilguard.engine;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a change touches, as deployment units: the inputs a scan judges as a whole, so that a
 * change is judged by what it does to a deployment, not by the lines it edits. A unit is a
 * Terraform module directory, an ARM template (or plan) file, or a Bicep file. A changed,
 * added or deleted file touches
 * <ul>
 *   <li>a {@code .tf}, {@code .tf.json}, {@code .tfvars} or {@code .tfvars.json} file: its
 *       directory's module;
 *   <li>a template or a plan: itself; a parameters file: the template its name belongs to
 *       ({@code x.parameters.prod.json} → {@code x.json} or {@code x.bicep}), and the templates the
 *       config file's {@code inputs:} give it to; a {@code .bicepparam}: the template of its
 *       {@code using} clause; a {@code .bicep}: itself;
 *   <li>any file: the Terraform modules and Bicep files whose text names it (a template
 *       deployed with {@code file()}, a script read by {@code templatefile()} or
 *       {@code loadTextContent()});
 * </ul>
 * and a touched unit touches every unit that uses it, transitively: the modules that call it
 * with a local {@code source}, the templates that link it with {@code templateLink.relativePath},
 * the Bicep files that use it as a module. Both sides of a comparison are searched (a deleted
 * file's unit is found where the file still is), so a unit names the same paths on both.
 *
 * <p>Only the files that can hold such a reference are read: a fixed-string {@code git grep}
 * of each side finds them, and only those are parsed.
 */
public final class DeploymentUnits {
  /** {@code module x './y.bicep' = {...}}: a Bicep module with a local path (not {@code br:} or {@code ts:}). */
  private static final Pattern BICEP_MODULE = Pattern.compile("(?m)^\\s*module\\s+[A-Za-z_][A-Za-z0-9_]*\\s+'([^'$:]+)'");
  /** {@code using './main.bicep'}: the template a {@code .bicepparam} file gives values to. */
  private static final Pattern BICEP_USING = Pattern.compile("(?m)^\\s*using\\s+'([^'$:]+)'");
  /** File names shorter than this are too common a word to look for in other files' text. */
  private static final int MIN_MENTIONED_NAME = 4;

  /** Which reader judges a unit. */
  public enum Kind { TERRAFORM, JSON, BICEP }

  /** A unit: a module directory ("" for the repository's top) or a file, relative to the top. */
  public record Unit(Kind kind, String path) implements Comparable<Unit> {
    @Override
    public int compareTo(Unit o) {
      int c = path.compareTo(o.path);
      return c != 0 ? c : kind.compareTo(o.kind);
    }
  }

  /** One side of a comparison: the listing, and the files it is read through. */
  public record Side(GitRepo repo, GitTree tree, SourceFiles files) {
    Optional<String> text(String path) {
      return files.read(repo.top().resolve(path), new ArrayList<>());
    }

    public Path path(String rel) {
      return rel.isEmpty() ? repo.top() : repo.top().resolve(rel);
    }
  }

  private final List<Side> sides;
  private final BiFunction<String, GitTree, List<String>> configured;
  private final Map<String, List<String>> parsed = new HashMap<>();
  // by identity: a side is its listing, which is not worth hashing
  private final Map<Side, Map<String, Map<String, Set<Unit>>>> users = new java.util.IdentityHashMap<>();

  private DeploymentUnits(List<Side> sides, BiFunction<String, GitTree, List<String>> configured) {
    this.sides = sides;
    this.configured = configured;
  }

  /**
   * The units that {@code changed} (paths relative to the top) touch on any of {@code sides}.
   *
   * @param configured for a path, the files the config file gives it to in a tree (templates and
   *     module files matching the {@code path} of an {@code inputs:} entry that names it)
   */
  public static Touched touched(Set<String> changed, List<Side> sides, BiFunction<String, GitTree, List<String>> configured)
      throws GitRepo.GitException {
    DeploymentUnits d = new DeploymentUnits(sides, configured);
    return new Touched(d.closure(changed), d);
  }

  /** The touched units, and which of them call which (on each side). */
  public static final class Touched {
    private final SortedSet<Unit> units;
    private final DeploymentUnits graph;

    private Touched(SortedSet<Unit> units, DeploymentUnits graph) {
      this.units = units;
      this.graph = graph;
    }

    public SortedSet<Unit> units() {
      return units;
    }

    /**
     * Whether a module is read as part of one of {@code scanned} on {@code side} (a module that
     * calls it): the scan would read it on its own only to drop what it found.
     */
    public boolean calledFrom(Unit u, Set<Unit> scanned, Side side) throws GitRepo.GitException {
      if (u.kind() != Kind.TERRAFORM) return false;
      for (Unit caller : graph.usersOf(side, Kind.TERRAFORM).getOrDefault(u.path(), Set.of())) {
        if (!caller.equals(u) && scanned.contains(caller)) return true;
      }
      return false;
    }
  }

  /** The files to scan for {@code unit} on one side (none when it is not there). */
  public static List<Path> files(Unit unit, Side side) {
    List<Path> out = new ArrayList<>();
    if (unit.kind() == Kind.TERRAFORM) {
      String prefix = unit.path().isEmpty() ? "" : unit.path() + "/";
      for (String p : side.tree().entries().subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
        String rest = p.substring(prefix.length());
        if (!rest.contains("/") && isModuleFile(rest) && side.tree().isFile(p)) out.add(side.path(p));
      }
    } else if (side.tree().isFile(unit.path())) {
      out.add(side.path(unit.path()));
    }
    return out;
  }

  /** Whether a changed file can change a scan's result at all (what {@code --diff-base} hashes in the working tree). */
  public static boolean isInfrastructureFile(String path) {
    String n = path.toLowerCase(Locale.ROOT);
    return n.endsWith(".tf") || n.endsWith(".tfvars") || n.endsWith(".json") || n.endsWith(".bicep") || n.endsWith(".bicepparam");
  }

  private static boolean isModuleFile(String name) {
    return name.endsWith(".tf") || name.endsWith(".tf.json");
  }

  private static boolean isTerraformFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".tf") || n.endsWith(".tf.json") || n.endsWith(".tfvars") || n.endsWith(".tfvars.json");
  }

  private SortedSet<Unit> closure(Set<String> changed) throws GitRepo.GitException {
    SortedSet<Unit> all = new TreeSet<>();
    Set<Unit> fresh = new LinkedHashSet<>();
    Set<String> mentioned = new TreeSet<>();
    for (String p : changed) {
      for (Side s : sides) fresh.addAll(unitsOf(p, s));
      for (Side s : sides) for (String target : configured.apply(p, s.tree())) fresh.addAll(unitsOf(target, s));
      if (!isTerraformFile(p)) mentioned.add(p);
    }
    while (!fresh.isEmpty() || !mentioned.isEmpty()) {
      fresh.removeAll(all);
      all.addAll(fresh);
      Set<Unit> next = new LinkedHashSet<>();
      for (Unit u : fresh) {
        if (u.kind() != Kind.TERRAFORM) mentioned.add(u.path());
        for (Side s : sides) next.addAll(usersOf(s, u.kind()).getOrDefault(u.path(), Set.of()));
      }
      for (Side s : sides) next.addAll(mentioning(mentioned, s));
      mentioned.clear();
      next.removeAll(all);
      fresh = next;
    }
    return all;
  }

  /** The unit a file belongs to, or the units it feeds (a parameters file), on one side. */
  private List<Unit> unitsOf(String p, Side s) {
    if (!s.tree().isFile(p)) return List.of();
    String name = p.substring(p.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if (isTerraformFile(lower)) return List.of(new Unit(Kind.TERRAFORM, dir(p)));
    if (lower.endsWith(".bicep")) return List.of(new Unit(Kind.BICEP, p));
    if (lower.endsWith(".bicepparam")) {
      Optional<String> text = s.text(p);
      Matcher m = text.isPresent() ? BICEP_USING.matcher(text.get()) : null;
      String target = m != null && m.find() ? resolve(dir(p), m.group(1)) : null;
      return target == null ? List.of() : unitOfTemplate(target);
    }
    if (!lower.endsWith(".json")) return List.of();
    Optional<String> text = s.text(p);
    if (text.isEmpty()) return List.of();
    String t = text.get().toLowerCase(Locale.ROOT);
    // the test the scan makes before parsing a JSON file it meets (see Scanner)
    if (t.contains("deploymenttemplate.json") || t.contains("\"format_version\"")) return List.of(new Unit(Kind.JSON, p));
    List<Unit> out = new ArrayList<>();
    if (t.contains("deploymentparameters.json") || ArmReader.templateStem(name).isPresent()) {
      for (Path template : ArmReader.templatesFor(s.path(p), s.files())) {
        out.addAll(unitOfTemplate(s.repo().top().relativize(template).toString().replace('\\', '/')));
      }
    }
    return out;
  }

  private static List<Unit> unitOfTemplate(String path) {
    return List.of(new Unit(path.toLowerCase(Locale.ROOT).endsWith(".bicep") ? Kind.BICEP : Kind.JSON, path));
  }

  /** The units whose text names one of {@code paths}' file names. */
  private List<Unit> mentioning(Set<String> paths, Side s) throws GitRepo.GitException {
    Map<String, String> names = new HashMap<>();
    for (String p : paths) {
      String n = p.substring(p.lastIndexOf('/') + 1);
      if (n.length() >= MIN_MENTIONED_NAME) names.put(n, p);
    }
    if (names.isEmpty()) return List.of();
    List<Unit> out = new ArrayList<>();
    for (String f : s.repo().grep(s.tree(), List.copyOf(new TreeSet<>(names.keySet())), List.of("*.tf", "*.tf.json", "*.bicep"))) {
      if (paths.contains(f)) continue;
      out.add(f.endsWith(".bicep") ? new Unit(Kind.BICEP, f) : new Unit(Kind.TERRAFORM, dir(f)));
    }
    return out;
  }

  /**
   * Used unit path → the units that use it, read from the files of one side that can say so:
   * module calls for a module, template links and Bicep modules for a template or Bicep file.
   * Each kind is searched for only when a unit of that kind is touched.
   */
  private Map<String, Set<Unit>> usersOf(Side s, Kind kind) throws GitRepo.GitException {
    String key = kind == Kind.TERRAFORM ? "terraform" : "arm-bicep";
    Map<String, Map<String, Set<Unit>>> bySide = users.computeIfAbsent(s, k -> new HashMap<>());
    Map<String, Set<Unit>> m = bySide.get(key);
    if (m != null) return m;
    Map<String, Set<Unit>> out = new HashMap<>();
    if (kind == Kind.TERRAFORM) {
      // module "x" { source = "../net" }; "." and ".." without a slash are local too
      for (String f : s.repo().grep(s.tree(), List.of("./", "\"..\"", "\".\""), List.of("*.tf", "*.tf.json"))) {
        GitTree.Entry e = s.tree().entries().get(f);
        List<String> sources = e == null ? null : parsed.get(f + "\0" + e.id());
        if (sources == null) {
          Optional<String> text = s.text(f);
          if (text.isEmpty()) continue;
          sources = moduleSources(f, text.get());
          // the same file on the other side of the comparison is not parsed again
          if (e != null && !e.id().isEmpty()) parsed.put(f + "\0" + e.id(), sources);
        }
        for (String source : sources) {
          String callee = resolve(dir(f), source);
          if (callee != null) out.computeIfAbsent(callee, k -> new TreeSet<>()).add(new Unit(Kind.TERRAFORM, dir(f)));
        }
      }
    } else {
      for (String f : s.repo().grep(s.tree(), List.of("relativePath"), List.of("*.json"))) {
        Optional<String> text = s.text(f);
        if (text.isEmpty()) continue;
        for (String link : relativeLinks(f, text.get())) {
          String linked = resolve(dir(f), link);
          if (linked != null) out.computeIfAbsent(linked, k -> new TreeSet<>()).add(new Unit(Kind.JSON, f));
        }
      }
      for (String f : s.repo().grep(s.tree(), List.of("module"), List.of("*.bicep"))) {
        Optional<String> text = s.text(f);
        if (text.isEmpty()) continue;
        Matcher mm = BICEP_MODULE.matcher(text.get());
        while (mm.find()) {
          String used = resolve(dir(f), mm.group(1));
          if (used != null) out.computeIfAbsent(used, k -> new TreeSet<>()).add(new Unit(Kind.BICEP, f));
        }
      }
    }
    bySide.put(key, out);
    return out;
  }

  /** The literal {@code source} of each {@code module} block of a Terraform file. */
  private static List<String> moduleSources(String file, String text) {
    List<String> out = new ArrayList<>();
    if (file.endsWith(".json")) {
      Value root;
      try {
        root = TreeReader.readJson(file, text);
      } catch (SourceSyntaxException e) {
        return out;
      }
      if (root instanceof Value.Obj o && o.get("module").orElse(null) instanceof Value.Obj calls) {
        for (Value call : calls.fields().values()) {
          for (Value c : call instanceof Value.Arr a ? a.items() : List.of(call)) {
            if (c instanceof Value.Obj co && co.get("source").orElse(null) instanceof Value.Str src) out.add(src.value());
          }
        }
      }
      return out;
    }
    try {
      for (Block b : HclParser.parse(file, text).blocks("module")) {
        Optional<Attribute> src = b.body().attribute("source");
        if (src.isPresent() && src.get().expr() instanceof TemplateExpr t && t.isLiteral()) out.add(t.literalText());
      }
    } catch (HclParseException e) {
      // a file that does not parse calls nothing we can see; its own module's scan reports it
    }
    return out;
  }

  /** Every literal {@code templateLink.relativePath} in a template. */
  private static List<String> relativeLinks(String file, String text) {
    List<String> out = new ArrayList<>();
    Value root;
    try {
      root = TreeReader.readJson(file, text);
    } catch (SourceSyntaxException e) {
      return out;
    }
    Deque<Value> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Value v = todo.pop();
      if (v instanceof Value.Obj o) {
        if (o.get("templateLink").orElse(null) instanceof Value.Obj link
            && link.get("relativePath").orElse(null) instanceof Value.Str rel && !rel.value().startsWith("[")) {
          out.add(rel.value());
        }
        todo.addAll(o.fields().values());
      } else if (v instanceof Value.Arr a) {
        todo.addAll(a.items());
      }
    }
    return out;
  }

  private static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** {@code rel} from directory {@code dir}, relative to the top; null when it leaves the repository. */
  static String resolve(String dir, String rel) {
    String r = rel.replace('\\', '/');
    if (r.startsWith("/") || r.contains("://")) return null;
    Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(r).normalize();
    String s = p.toString().replace('\\', '/');
    if (s.equals("..") || s.startsWith("../")) return null;
    return s.equals(".") || s.isEmpty() ? "" : s;
  }
}
