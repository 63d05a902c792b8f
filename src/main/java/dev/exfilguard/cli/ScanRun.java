package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.engine.Baseline;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.GitRepo;
import dev.exfilguard.engine.Inputs;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.engine.Suppression;
import dev.exfilguard.engine.Suppressions;
import dev.exfilguard.engine.ToolRules;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.source.InputOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One scan as the command line asks for it: the tree to scan (the working tree, or the index
 * for {@code --staged}), the suppress stage, and for {@code --diff-base} a second scan of the
 * merge-base's tree whose findings are subtracted. Both trees are scanned with the same rules,
 * config and inputs; a tree materialised from git lives in a temporary directory laid out as the
 * repository, so reported paths are the repository's.
 */
final class ScanRun {
  private final java.util.function.Supplier<List<Rule>> rules;
  private final Config config;
  private final InputOptions inputs;
  private final boolean inline;
  private final boolean reportUnused;
  private final boolean hook;
  private final String version;
  private final List<dev.exfilguard.config.Glob> skipPaths;

  ScanRun(List<Rule> rules, Config config, InputOptions inputs, boolean inline, boolean reportUnused, boolean hook,
      String version) {
    this(rules, config, inputs, inline, reportUnused, hook, version, List.of());
  }

  ScanRun(List<Rule> rules, Config config, InputOptions inputs, boolean inline, boolean reportUnused, boolean hook,
      String version, List<dev.exfilguard.config.Glob> skipPaths) {
    this(() -> rules, config, inputs, inline, reportUnused, hook, version, skipPaths);
  }

  /**
   * @param rules asked for once the first tree's files are read (the CLI is still loading them)
   * @param skipPaths {@code --skip-path} globs, relative to the working directory
   */
  ScanRun(java.util.function.Supplier<List<Rule>> rules, Config config, InputOptions inputs, boolean inline,
      boolean reportUnused, boolean hook, String version, List<dev.exfilguard.config.Glob> skipPaths) {
    this.rules = rules;
    this.config = config;
    this.inputs = inputs;
    this.inline = inline;
    this.reportUnused = reportUnused;
    this.hook = hook;
    this.version = version;
    this.skipPaths = List.copyOf(skipPaths);
  }

  /**
   * What was found, and where its files are: {@code lines} reads a reported file from the tree
   * that was scanned. Close it to remove the temporary trees.
   */
  static final class Outcome implements AutoCloseable {
    private final ScanReport report;
    private final Path base;
    private final List<Path> temporary;

    Outcome(ScanReport report, Path base, List<Path> temporary) {
      this.report = report;
      this.base = base;
      this.temporary = temporary;
    }

    ScanReport report() {
      return report;
    }

    List<String> lines(String display) {
      try {
        return Files.readAllLines(base.resolve(display), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    }

    @Override
    public void close() {
      for (Path t : temporary) GitRepo.deleteTree(t);
    }
  }

  /** A tree to scan: the directory the repository's top maps to, and the scan's base and targets in it. */
  private record Tree(Path top, Path base, List<Path> targets) {}

  Outcome scan(Path cwd, List<Path> targets, boolean staged, String diffBase) throws GitRepo.GitException, IOException {
    List<Path> temporary = new ArrayList<>();
    try {
      Tree head;
      Path realCwd = cwd.toRealPath();
      GitRepo repo = null;
      Path cwdRel = null;
      List<String> relTargets = new ArrayList<>();
      if (staged || diffBase != null) {
        repo = GitRepo.at(commonDirectory(cwd, targets));
        if (!realCwd.startsWith(repo.top())) {
          throw new GitRepo.GitException("--staged and --diff-base need to run inside the repository " + repo.top());
        }
        cwdRel = repo.top().relativize(realCwd);
        for (Path t : targets) {
          Path abs = real(cwd.resolve(t));
          if (!abs.startsWith(repo.top())) throw new GitRepo.GitException(t + " is not inside the repository " + repo.top());
          relTargets.add(repo.top().relativize(abs).toString().replace('\\', '/'));
        }
      }
      if (staged) {
        Path index = Files.createTempDirectory("exfilguard-index");
        temporary.add(index);
        repo.materialiseIndex(index);
        head = new Tree(index, index.resolve(cwdRel.toString()), stagedTargets(index, repo.stagedFiles(), relTargets));
      } else {
        head = new Tree(repo == null ? null : repo.top(), cwd, targets);
      }
      Stage now = stage(head, staged || hook);
      ScanReport report = now.report();
      if (diffBase != null) {
        String commit = repo.mergeBase(diffBase);
        Path tree = Files.createTempDirectory("exfilguard-base");
        temporary.add(tree);
        repo.materialiseCommit(commit, tree);
        List<Path> baseTargets = new ArrayList<>();
        for (Path t : head.targets()) {
          Path rel = real(head.top()).relativize(real(head.base().resolve(t)));
          Path mapped = tree.resolve(rel.toString());
          if (Files.exists(mapped)) baseTargets.add(mapped);
        }
        Stage before = baseTargets.isEmpty() ? null
            : stage(new Tree(tree, tree.resolve(cwdRel.toString()), baseTargets), staged || hook);
        List<Finding> old = new ArrayList<>();
        if (before != null) {
          old.addAll(before.report().findings());
          for (ScanReport.Suppressed s : before.report().suppressed()) old.add(s.finding());
        }
        Baseline.Match m = Baseline.match(report.findings(), Baseline.entries(old));
        report = new ScanReport(m.fresh(), report.diagnostics(), report.rules(), report.files(), report.toolVersion(),
            report.suppressed(), m.known());
      }
      Outcome o = new Outcome(report, head.base(), List.copyOf(temporary));
      temporary.clear();
      return o;
    } finally {
      for (Path t : temporary) GitRepo.deleteTree(t);
    }
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

  /**
   * The index's version of what the staged files touch: a staged (or deleted) {@code .tf} or
   * {@code .tfvars} file stands for its whole module, a staged {@code .json}, {@code .bicep} or
   * {@code .bicepparam} file for itself (a Bicep file reads its modules from the index's tree).
   * Only files under the scan's paths count.
   */
  private static List<Path> stagedTargets(Path index, List<String> staged, List<String> within) throws IOException {
    TreeSet<String> modules = new TreeSet<>();
    TreeSet<String> json = new TreeSet<>();
    for (String f : staged) {
      if (within.stream().noneMatch(w -> w.isEmpty() || f.equals(w) || f.startsWith(w + "/"))) continue;
      String lower = f.toLowerCase(Locale.ROOT);
      int slash = f.lastIndexOf('/');
      String dir = slash < 0 ? "" : f.substring(0, slash);
      if (lower.endsWith(".tf") || lower.endsWith(".tfvars")) {
        modules.add(dir);
      } else if ((lower.endsWith(".json") || lower.endsWith(".bicep") || lower.endsWith(".bicepparam")) && Files.isRegularFile(index.resolve(f))) {
        json.add(f);
      }
    }
    List<Path> out = new ArrayList<>();
    for (String m : modules) {
      Path dir = m.isEmpty() ? index : index.resolve(m);
      if (!Files.isDirectory(dir)) continue;
      try (var files = Files.list(dir)) {
        files.filter(p -> p.getFileName().toString().endsWith(".tf") && Files.isRegularFile(p)).sorted().forEach(out::add);
      }
    }
    for (String j : json) out.add(index.resolve(j));
    return out;
  }

  /** One tree scanned and its suppressions applied. */
  private record Stage(ScanReport report) {}

  /** The working tree read as a scan reads it (config exclusions, --skip-path, inputs), without judging it: for {@code show}. */
  Scanner.Scanned read(Path cwd, List<Path> targets) {
    return scanner(new Tree(null, cwd, targets), false).scanned(targets, version);
  }

  private Scanner scanner(Tree tree, boolean lenientNames) {
    Path globRoot = globRoot(tree);
    return new Scanner(rules, tree.base(), inputs)
        .select(new Inputs.Selection(p -> excluded(globRoot, p) || skipped(tree.base(), p), lenientNames))
        .inputsPer(p -> inputsFor(globRoot, p));
  }

  private Stage stage(Tree tree, boolean lenientNames) {
    Path globRoot = globRoot(tree);
    Scanner.Scanned scanned = scanner(tree, lenientNames).scanned(tree.targets(), version);
    ScanReport raw = scanned.report();

    List<Suppression> suppressions = new ArrayList<>();
    List<Finding> invalid = new ArrayList<>();
    if (inline) {
      for (String file : raw.files()) {
        try {
          Suppressions.Read r = Suppressions.inline(file, Files.readAllLines(tree.base().resolve(file), StandardCharsets.UTF_8));
          suppressions.addAll(r.suppressions());
          invalid.addAll(r.invalid());
        } catch (IOException | RuntimeException e) {
          // a file that cannot be read again was reported by the scan, or has no suppressions to find
        }
      }
      Suppressions.Read m = Suppressions.metadata(scanned.resources());
      suppressions.addAll(m.suppressions());
      invalid.addAll(m.invalid());
    }
    for (Config.SuppressionEntry e : config.suppressions()) {
      suppressions.add(new Suppression(Suppression.Kind.CONFIG, e.rules().stream().map(Config.RuleRef::id).toList(),
          e.reason(), e.expires(), new dev.exfilguard.model.Location(config.display(), e.location().line(), e.location().column()),
          f -> (e.path() == null || pathMatches(e.path(), globRoot, tree.base().resolve(f.location().file())))
              && (e.resource() == null || e.resource().matches(f.resourceAddress()))));
    }
    java.util.Set<String> ran = new java.util.HashSet<>();
    for (Rule r : rules.get()) ran.add(r.meta().id());
    for (RuleMeta m : ToolRules.ALL) ran.add(m.id());
    // today's date is needed for expiries only: LocalDate.now() reads the time-zone database,
    // about 20 ms of a hook's run
    LocalDate today = suppressions.stream().anyMatch(s -> s.expires() != null) ? LocalDate.now() : LocalDate.MIN;
    Suppressions.Applied applied = Suppressions.apply(raw.findings(), suppressions, today, reportUnused, ran::contains);
    List<Finding> findings = new ArrayList<>(applied.findings());
    findings.addAll(invalid);
    List<Diagnostic> diagnostics = new ArrayList<>(raw.diagnostics());
    diagnostics.addAll(applied.notes());
    List<RuleMeta> metas = new ArrayList<>(raw.rules());
    metas.addAll(ToolRules.ALL);
    return new Stage(new ScanReport(findings, diagnostics, metas, raw.files(), raw.toolVersion(), applied.suppressed(), 0));
  }

  /** Where the config file's directory is in this tree (the tree may be a copy of the repository). */
  private Path globRoot(Tree tree) {
    if (tree.top() == null || !config.present()) return config.dir();
    try {
      GitRepo repo = GitRepo.at(config.dir());
      return tree.top().resolve(repo.top().relativize(config.dir().toRealPath()).toString());
    } catch (GitRepo.GitException | IOException e) {
      return config.dir();
    }
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

  private static boolean pathMatches(dev.exfilguard.config.Glob g, Path root, Path p) {
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
      for (String f : i.parameters()) parameters.add(config.dir().resolve(f));
      for (String f : i.varFiles()) varFilesFor.add(config.dir().resolve(f));
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
