package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.Glob;
import dev.exfilguard.engine.Baseline;
import dev.exfilguard.engine.DeploymentUnits;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.GitRepo;
import dev.exfilguard.engine.GitSourceFiles;
import dev.exfilguard.engine.GitTree;
import dev.exfilguard.engine.Inputs;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.engine.Suppression;
import dev.exfilguard.engine.Suppressions;
import dev.exfilguard.engine.ToolRules;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One scan as the command line asks for it, with its suppress stage.
 *
 * <p>Without a git mode, the paths on disk are scanned. The git modes judge a change: the
 * deployment units it touches (see {@link DeploymentUnits}) are scanned on the changed side
 * (the index for {@code --staged} and {@code --hook}, the working tree for {@code --diff-base}
 * alone) and, unless {@code --all}, on the side it is compared with (the merge-base of
 * {@code --diff-base REF}; for {@code --hook}, {@code HEAD}), and the findings that side already
 * has are subtracted by fingerprint. Git trees are read from the object store: nothing is checked
 * out or written, and reported paths are the repository's.
 */
final class ScanRun {
  private final Supplier<List<Rule>> rules;
  private final Config config;
  private final InputOptions inputs;
  private final boolean inline;
  private final boolean reportUnused;
  private final boolean hook;
  private final boolean all;
  private final String version;
  private final List<Glob> skipPaths;

  ScanRun(List<Rule> rules, Config config, InputOptions inputs, boolean inline, boolean reportUnused, boolean hook, boolean all,
      String version) {
    this(() -> rules, config, inputs, inline, reportUnused, hook, all, version, List.of());
  }

  /**
   * @param rules asked for once the first tree's files are read (the CLI is still loading them)
   * @param hook judge what is staged against {@code HEAD} (the pre-commit mode)
   * @param all in a git mode, report every finding of the touched units, not only the new ones
   * @param skipPaths {@code --skip-path} globs, relative to the working directory
   */
  ScanRun(Supplier<List<Rule>> rules, Config config, InputOptions inputs, boolean inline, boolean reportUnused, boolean hook,
      boolean all, String version, List<Glob> skipPaths) {
    this.rules = rules;
    this.config = config;
    this.inputs = inputs;
    this.inline = inline;
    this.reportUnused = reportUnused;
    this.hook = hook;
    this.all = all;
    this.version = version;
    this.skipPaths = List.copyOf(skipPaths);
  }

  /**
   * What was found, and how to read the lines of a reported file from the tree that was scanned.
   * Close it to stop the git processes it reads with.
   */
  static final class Outcome implements AutoCloseable {
    private final ScanReport report;
    private final Function<String, List<String>> lines;
    private final GitRepo repo;

    Outcome(ScanReport report, Function<String, List<String>> lines, GitRepo repo) {
      this.report = report;
      this.lines = lines;
      this.repo = repo;
    }

    ScanReport report() {
      return report;
    }

    List<String> lines(String display) {
      return lines.apply(display);
    }

    @Override
    public void close() {
      if (repo != null) repo.close();
    }
  }

  Outcome scan(Path cwd, List<Path> targets, boolean staged, String diffBase) throws GitRepo.GitException, IOException {
    if (!staged && !hook && diffBase == null) {
      Path root = config.dir();
      Stage now = stage(cwd, root, s -> s.configuredTemplates(p -> configuredTemplatesOnDisk(root, p)).scanned(targets, version),
          display -> diskLines(cwd.resolve(display)));
      return new Outcome(now.report(), display -> diskLines(cwd.resolve(display)), null);
    }
    GitRepo repo = GitRepo.at(commonDirectory(cwd, targets));
    try {
      Outcome o = changeScan(repo, cwd, targets, staged || hook, diffBase);
      repo = null;
      return o;
    } finally {
      if (repo != null) repo.close();
    }
  }

  private Outcome changeScan(GitRepo repo, Path cwd, List<Path> targets, boolean staged, String diffBase)
      throws GitRepo.GitException, IOException {
    Path top = repo.top();
    Path realCwd = cwd.toRealPath();
    if (!realCwd.startsWith(top)) throw new GitRepo.GitException("--staged, --diff-base and --hook need to run inside the repository " + top);
    List<Path> roots = new ArrayList<>();
    List<String> within = new ArrayList<>();
    for (Path t : targets) {
      Path abs = real(cwd.resolve(t));
      if (!abs.startsWith(top)) throw new GitRepo.GitException(t + " is not inside the repository " + top);
      roots.add(abs);
      within.add(top.relativize(abs).toString().replace('\\', '/'));
    }

    // pre-commit run --from-ref A --to-ref B (a pre-push hook, or CI): the hook judges those commits
    String fromRef = hook && diffBase == null ? inputs.environment().get("PRE_COMMIT_FROM_REF") : null;
    String toRef = fromRef != null ? inputs.environment().get("PRE_COMMIT_TO_REF") : null;
    boolean refs = fromRef != null && !fromRef.isEmpty() && toRef != null && !toRef.isEmpty();
    String baseCommit = refs ? repo.mergeBase(fromRef, toRef) : diffBase != null ? repo.mergeBase(diffBase) : repo.head().orElse(null);
    boolean compare = (diffBase != null || hook) && !all;
    // the changed side comes from git (the index, or the commits of --to-ref), or is the working tree on disk
    boolean fromGit = staged || refs;
    GitTree headTree = refs ? repo.commit(repo.commitOf(toRef)) : staged ? repo.index()
        : repo.workTree(repo.index(), DeploymentUnits::isInfrastructureFile);
    GitTree baseTree = baseCommit == null ? GitTree.NONE : repo.commit(baseCommit);
    if (headTree.source() == GitTree.Source.INDEX) headTree = headTree.withSizesFrom(baseTree);
    Inputs.Paths display = new Inputs.Paths(realCwd);
    Path globRoot = real(config.dir());
    SourceFiles headFiles = fromGit ? new GitSourceFiles(repo, headTree, display, roots)
        : new Scanner(rules, realCwd, inputs).configDirectory(inputsRoot()).localFiles(roots);
    SourceFiles baseFiles = new GitSourceFiles(repo, baseTree, display, roots);
    DeploymentUnits.Side head = new DeploymentUnits.Side(repo, headTree, headFiles);
    DeploymentUnits.Side base = new DeploymentUnits.Side(repo, baseTree, baseFiles);

    SortedSet<DeploymentUnits.Unit> units = new TreeSet<>();
    DeploymentUnits.Touched touched = DeploymentUnits.touched(headTree.changedFrom(baseTree), List.of(head, base),
        (path, tree) -> configuredTargets(top, globRoot, path, tree));
    for (DeploymentUnits.Unit u : touched.units()) {
      if (within(u, within, headTree, baseTree)) units.add(u);
    }

    Function<String, List<String>> headLines = d -> lines(headFiles, realCwd.resolve(d));
    Stage now = stage(realCwd, globRoot, s -> unitScan(s, roots(units, touched, head), head, display, globRoot), headLines);
    ScanReport report = now.report();
    List<Diagnostic> notes = new ArrayList<>(report.diagnostics());
    if (compare) {
      Stage before = stage(realCwd, globRoot, s -> unitScan(s, roots(units, touched, base), base, display, globRoot),
          d -> lines(baseFiles, realCwd.resolve(d)));
      List<Finding> old = new ArrayList<>(before.report().findings());
      for (ScanReport.Suppressed s : before.report().suppressed()) old.add(s.finding());
      Baseline.Match m = Baseline.match(report.findings(), Baseline.entries(old));
      List<Finding> fresh = inheritedByNewDeployments(m.fresh(), old, realCwd, top, baseTree);
      report = new ScanReport(fresh, notes, report.rules(), report.files(), report.toolVersion(), report.suppressed(),
          m.known() + m.fresh().size() - fresh.size());
    } else {
      report = new ScanReport(report.findings(), notes, report.rules(), report.files(), report.toolVersion(), report.suppressed(),
          report.known());
    }
    return new Outcome(report, headLines, repo);
  }

  /**
   * A deployment that the comparison side does not have (the change adds its parameters file)
   * starts from what its template already had there: of its findings, only those the template's
   * deployments did not have are new. Adding {@code x.parameters.prod.json} is judged by the
   * values it sets, not by every finding the template has in every environment.
   */
  private static List<Finding> inheritedByNewDeployments(List<Finding> fresh, List<Finding> old, Path realCwd, Path top, GitTree base) {
    Set<String> before = new HashSet<>();
    for (Finding f : old) before.add(f.location().file() + "|" + f.ruleId() + "|" + Scanner.withoutDeployment(f.resourceAddress()) + "|" + f.attributePath());
    List<Finding> out = new ArrayList<>();
    for (Finding f : fresh) {
      java.util.Optional<String> deployment = Scanner.deploymentOf(f.resourceAddress());
      boolean newDeployment = deployment.isPresent() && !base.isFile(top.relativize(
          realCwd.resolve(f.location().file()).normalize().resolveSibling(deployment.get()).normalize()).toString().replace('\\', '/'));
      String key = f.location().file() + "|" + f.ruleId() + "|" + Scanner.withoutDeployment(f.resourceAddress()) + "|" + f.attributePath();
      if (!(newDeployment && before.contains(key))) out.add(f);
    }
    return out;
  }

  /** The units to scan on one side: a module that a scanned unit calls there is read as part of it. */
  private static SortedSet<DeploymentUnits.Unit> roots(SortedSet<DeploymentUnits.Unit> units, DeploymentUnits.Touched touched,
      DeploymentUnits.Side side) {
    SortedSet<DeploymentUnits.Unit> out = new TreeSet<>();
    for (DeploymentUnits.Unit u : units) {
      try {
        if (!touched.calledFrom(u, units, side)) out.add(u);
      } catch (GitRepo.GitException e) {
        out.add(u);
      }
    }
    return out;
  }

  /** The scan of the touched units on one side: their files, read through that side's files. */
  private Scanner.Scanned unitScan(Scanner scanner, SortedSet<DeploymentUnits.Unit> units, DeploymentUnits.Side side,
      Inputs.Paths display, Path globRoot) {
    List<Path> files = new ArrayList<>();
    for (DeploymentUnits.Unit u : units) files.addAll(DeploymentUnits.files(u, side));
    Inputs in = Inputs.ofUnitFiles(files, display, selection(globRoot, display.base()));
    return scanner.reportAlso(f -> side.files().inScannedTree(display.base().resolve(f)))
        .configuredTemplates(p -> {
          List<Path> out = new ArrayList<>();
          String rel = side.repo().top().relativize(p).toString().replace('\\', '/');
          for (String t : configuredTargets(side.repo().top(), globRoot, rel, side.tree())) out.add(side.path(t));
          return out;
        })
        .scanned(in, side.files(), version);
  }

  private static boolean within(DeploymentUnits.Unit u, List<String> within, GitTree head, GitTree base) {
    for (String w : within) {
      if (w.isEmpty() || u.path().equals(w) || u.path().startsWith(w + "/")) return true;
      // a module's file named as the path: its module
      boolean file = head.entries().containsKey(w) || base.entries().containsKey(w);
      int slash = w.lastIndexOf('/');
      if (file && u.kind() == DeploymentUnits.Kind.TERRAFORM && (slash < 0 ? "" : w.substring(0, slash)).equals(u.path())) return true;
    }
    return false;
  }

  /**
   * The files of {@code tree} (relative to the top) that the config file's {@code inputs:} give
   * {@code path} to, when it names it as parameters or var file: the templates and module files
   * under the entry's {@code path} glob.
   */
  private List<String> configuredTargets(Path top, Path globRoot, String path, GitTree tree) {
    List<Glob> globs = globsNaming(globRoot, top.resolve(path).normalize());
    if (globs.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    for (String p : tree.entries().keySet()) {
      String lower = p.toLowerCase(Locale.ROOT);
      if (!(lower.endsWith(".json") || lower.endsWith(".bicep") || lower.endsWith(".tf")) || !tree.isFile(p) || p.equals(path)) continue;
      String rel = relative(globRoot, top.resolve(p));
      if (rel != null && globs.stream().anyMatch(g -> g.matches(rel))) out.add(p);
    }
    return out;
  }

  /** The {@code path} globs of the config's {@code inputs:} entries that name {@code file} as parameters or var file. */
  private List<Glob> globsNaming(Path root, Path file) {
    List<Glob> out = new ArrayList<>();
    for (Config.Inputs i : config.inputs()) {
      boolean names = false;
      for (String f : i.parameters()) names |= root.resolve(f).normalize().equals(file);
      for (String f : i.varFiles()) names |= root.resolve(f).normalize().equals(file);
      if (names) out.add(i.path());
    }
    return out;
  }

  /** For a parameters file named on the command line: the templates on disk the config's {@code inputs:} give it to. */
  private List<Path> configuredTemplatesOnDisk(Path root, Path parametersFile) {
    List<Glob> globs = globsNaming(root.toAbsolutePath().normalize(), parametersFile);
    if (globs.isEmpty() || !Files.isDirectory(root)) return List.of();
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return !dir.equals(root) && Set.of(".git", ".terraform", "node_modules").contains(n) ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
          String rel = relative(root, file);
          if (attrs.isRegularFile() && (n.endsWith(".json") || n.endsWith(".bicep")) && rel != null
              && !file.toAbsolutePath().normalize().equals(parametersFile) && globs.stream().anyMatch(g -> g.matches(rel))) {
            out.add(file.toAbsolutePath().normalize());
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // an unreadable directory holds no template we could scan
    }
    out.sort(null);
    return out;
  }

  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      Path parent = abs.getParent();
      return parent == null ? abs : real(parent).resolve(abs.getFileName().toString());
    }
  }

  private static List<String> diskLines(Path file) {
    try {
      return Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<String> lines(SourceFiles files, Path file) {
    return files.read(file, new ArrayList<>()).map(t -> t.lines().toList()).orElse(List.of());
  }

  /** One tree scanned and its suppressions applied. */
  private record Stage(ScanReport report) {}

  /** The working tree read as a scan reads it (config exclusions, --skip-path, inputs), without judging it: for {@code show}. */
  Scanner.Scanned read(Path cwd, List<Path> targets) {
    Path root = config.dir();
    return scanner(cwd, root).configuredTemplates(p -> configuredTemplatesOnDisk(root, p)).scanned(targets, version);
  }

  private Scanner scanner(Path base, Path globRoot) {
    return new Scanner(rules, base, inputs).select(selection(globRoot, base)).inputsPer(p -> inputsFor(globRoot, p))
        .configDirectory(inputsRoot());
  }

  /**
   * Where the config file's {@code inputs:} may lead (templates and parameters files it pairs,
   * inside its repository as the loader checked): its directory, when it has inputs.
   */
  private Path inputsRoot() {
    return config.present() && !config.inputs().isEmpty() ? config.dir() : null;
  }

  /** Which files a scan keeps: not those the config file excludes, nor those --skip-path names. */
  private Inputs.Selection selection(Path globRoot, Path base) {
    return new Inputs.Selection(p -> excluded(globRoot, p) || skipped(base, p), false);
  }

  /**
   * @param base the display base (paths in the report are relative to it)
   * @param globRoot where the config file's directory is, for its globs
   * @param scan the scan itself, given the scanner set up with rules, config and inputs
   * @param lines a reported file's lines, for inline suppressions
   */
  private Stage stage(Path base, Path globRoot, Function<Scanner, Scanner.Scanned> scan, Function<String, List<String>> lines) {
    Scanner.Scanned scanned = scan.apply(scanner(base, globRoot));
    ScanReport raw = scanned.report();

    List<Suppression> suppressions = new ArrayList<>();
    List<Finding> invalid = new ArrayList<>();
    if (inline) {
      for (String file : raw.files()) {
        Suppressions.Read r = Suppressions.inline(file, lines.apply(file));
        suppressions.addAll(r.suppressions());
        invalid.addAll(r.invalid());
      }
      Suppressions.Read m = Suppressions.metadata(scanned.resources());
      suppressions.addAll(m.suppressions());
      // a template judged once per parameters file has its metadata read once per deployment
      Set<String> seen = new HashSet<>();
      for (Finding f : m.invalid()) if (seen.add(f.ruleId() + " " + f.location())) invalid.add(f);
    }
    for (Config.SuppressionEntry e : config.suppressions()) {
      suppressions.add(new Suppression(Suppression.Kind.CONFIG, e.rules().stream().map(Config.RuleRef::id).toList(),
          e.reason(), e.expires(), new Location(config.display(), e.location().line(), e.location().column()),
          f -> (e.path() == null || pathMatches(e.path(), globRoot, base.resolve(f.location().file())))
              && (e.resource() == null || e.resource().matches(f.resourceAddress())
                  || e.resource().matches(Scanner.withoutDeployment(f.resourceAddress())))));
    }
    Set<String> ran = new HashSet<>();
    for (Rule r : rules.get()) ran.add(r.meta().id());
    for (RuleMeta m : ToolRules.ALL) ran.add(m.id());
    // today's date is needed for expiries only: LocalDate.now() reads the time-zone database,
    // about 20 ms of a hook's run
    LocalDate today = suppressions.stream().anyMatch(x -> x.expires() != null) ? LocalDate.now() : LocalDate.MIN;
    Suppressions.Applied applied = Suppressions.apply(raw.findings(), suppressions, today, reportUnused, ran::contains);
    List<Finding> findings = new ArrayList<>(applied.findings());
    findings.addAll(invalid);
    List<Diagnostic> diagnostics = new ArrayList<>(raw.diagnostics());
    diagnostics.addAll(applied.notes());
    List<RuleMeta> metas = new ArrayList<>(raw.rules());
    metas.addAll(ToolRules.ALL);
    return new Stage(new ScanReport(findings, diagnostics, metas, raw.files(), raw.toolVersion(), applied.suppressed(), 0));
  }

  private boolean excluded(Path root, Path p) {
    if (config.exclude().isEmpty()) return false;
    String rel = relative(root, p);
    return rel != null && config.exclude().stream().anyMatch(g -> g.matches(rel));
  }

  /** {@code --skip-path}: relative to where the working directory is in this tree. */
  private boolean skipped(Path base, Path p) {
    if (skipPaths.isEmpty()) return false;
    String rel = relative(base, p);
    return rel != null && skipPaths.stream().anyMatch(g -> g.matches(rel));
  }

  private static boolean pathMatches(Glob g, Path root, Path p) {
    String rel = relative(root, p);
    return rel != null && g.matches(rel);
  }

  private static String relative(Path root, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path r = root.toAbsolutePath().normalize();
    if (!abs.startsWith(r) || abs.equals(r)) return null;
    return r.relativize(abs).toString().replace('\\', '/');
  }

  /** The command line's inputs, plus the config's parameters and var files for this template or module. */
  InputOptions inputsFor(Path root, Path p) {
    if (config.inputs().isEmpty()) return inputs;
    String rel = relative(root, p);
    if (rel == null) return inputs;
    List<Path> parameters = new ArrayList<>(inputs.parameterFiles());
    List<Path> varFilesFor = new ArrayList<>(inputs.varFiles());
    for (Config.Inputs i : config.inputs()) {
      if (!i.path().matches(rel)) continue;
      for (String f : i.parameters()) parameters.add(root.resolve(f));
      for (String f : i.varFiles()) varFilesFor.add(root.resolve(f));
    }
    return new InputOptions(inputs.params(), parameters, inputs.vars(), varFilesFor, inputs.environment());
  }

  /** The deepest directory holding every target: where the config file search starts. */
  static Path commonDirectory(Path cwd, List<Path> targets) {
    Path common = null;
    for (Path t : targets) {
      Path abs = cwd.resolve(t).toAbsolutePath().normalize();
      Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
      if (dir == null) dir = abs;
      if (common == null) {
        common = dir;
      } else {
        while (!dir.startsWith(common)) common = common.getParent();
      }
    }
    return common == null ? cwd : common;
  }
}
