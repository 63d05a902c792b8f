package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files a scan reads, found from the paths it was given: JSON files (ARM templates are
 * recognised later by their {@code $schema}, plans by their {@code format_version}), Bicep files
 * ({@code .bicep} and {@code .bicepparam}) and Terraform modules (a directory's {@code .tf} and
 * {@code .tf.json} files together). Directories are walked without entering {@code .git}, {@code .terraform}
 * and {@code node_modules}; a symbolic link is followed only where it leads inside the scanned
 * roots, and to a directory or file not walked already (a loop is noted, not entered). Only
 * regular files are taken.
 *
 * @param json JSON files to consider, with whether each was named explicitly
 * @param modules Terraform module directories → their {@code .tf} files
 * @param contextOnly {@code .tf} files read only because a file of their module was named:
 *     their findings are not reported (the pre-commit case, which names changed files)
 * @param bicep {@code .bicep} and {@code .bicepparam} files, with whether each was named explicitly
 */
public record Inputs(TreeMap<Path, Boolean> json, TreeMap<Path, List<Path>> modules, Set<Path> contextOnly, List<Diagnostic> problems,
    TreeMap<Path, Boolean> bicep) {
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".terraform", "node_modules");

  /**
   * Which files a scan keeps.
   *
   * @param excluded absolute, normalised paths (files and directories) the config file excludes;
   *     they are skipped quietly, even when named
   * @param hook the names come from a hook (pre-commit) that passes every changed file of some
   *     extensions: a named JSON file is taken only if it is a template
   */
  public record Selection(java.util.function.Predicate<Path> excluded, boolean hook) {
    public static final Selection ALL = new Selection(p -> false, false);
  }

  public static Inputs discover(List<Path> paths, Paths display) {
    return discover(paths, display, Selection.ALL);
  }

  public static Inputs discover(List<Path> paths, Paths display, Selection selection) {
    Inputs in = new Inputs(new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new ArrayList<>(), new TreeMap<>());
    Walk w = new Walk(in, display, selection, paths);
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (selection.excluded().test(abs)) continue;
      if (!Files.exists(abs)) {
        in.problems.add(Diagnostic.error(new Location(display.of(abs), 1, 1), whyMissing(abs)));
      } else if (Files.isDirectory(abs)) {
        w.walk(abs);
      } else {
        in.addFile(abs, true, display, selection, w);
      }
    }
    w.followLinks();
    for (List<Path> files : in.modules.values()) files.sort(null);
    return in;
  }

  /**
   * The files of deployment units read from a git tree (the git modes), each taken as a
   * directory walk takes it: JSON files that are not templates are skipped quietly, and a
   * module's {@code .tf} files are all given.
   */
  public static Inputs ofUnitFiles(List<Path> files, Paths display, Selection selection) {
    Inputs in = new Inputs(new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new ArrayList<>(), new TreeMap<>());
    Walk w = new Walk(in, display, selection, List.of());
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      if (!selection.excluded().test(abs)) in.addFile(abs, false, display, selection, w);
    }
    return in;
  }

  private static String whyMissing(Path p) {
    if (!Files.isSymbolicLink(p)) return "no such file or directory";
    try {
      p.toRealPath();
      return "cannot read";
    } catch (java.nio.file.FileSystemException e) {
      return e.getReason() != null && e.getReason().toLowerCase(java.util.Locale.ROOT).contains("levels of symbolic links")
          ? "symbolic link loop; not followed" : "broken symbolic link";
    } catch (IOException e) {
      return "broken symbolic link";
    }
  }

  /** Whether discovery would read a file of this name (so that a link or a FIFO of this name is worth a note). */
  private static boolean readable(String name) {
    return name.endsWith(".json") || name.endsWith(".tf") || name.endsWith(".tfvars") || name.endsWith(".bicep")
        || name.endsWith(".bicepparam");
  }

  /**
   * One discovery's walk. Symbolic links are not followed while walking: each is looked at once
   * the roots are walked, in sorted order (so output does not depend on the order a directory
   * lists its entries): a link whose real path is outside the scanned roots is noted and not
   * followed ({@code ln -s / root}, {@code ln -s /proc proc}), a link to a directory walked
   * already (a loop, or a second name for it) is not walked again, and a link to a file read
   * already is not read twice.
   */
  private static final class Walk {
    private final Inputs in;
    private final Paths display;
    private final Selection selection;
    private final dev.exfilguard.source.Boundary tree;
    /** Real paths of the directories walked, and of the files taken. */
    private final Set<Path> walkedDirs = new java.util.HashSet<>();
    private final Set<Path> takenFiles = new java.util.HashSet<>();
    /** Each module's files, for a membership test that does not scan the list. */
    private final java.util.Map<Path, Set<Path>> moduleFiles = new java.util.HashMap<>();
    private final TreeMap<Path, Path> links = new TreeMap<>();

    Walk(Inputs in, Paths display, Selection selection, List<Path> roots) {
      this.in = in;
      this.display = display;
      this.selection = selection;
      this.tree = dev.exfilguard.source.Boundary.of(roots.stream().map(p -> p.toAbsolutePath().normalize())
          .map(p -> Files.isDirectory(p) || p.getParent() == null ? p : p.getParent()).toList());
    }

    /** Adds a module file once; true when it was not there. */
    boolean addModuleFile(Path dir, Path file, List<Path> files) {
      if (!moduleFiles.computeIfAbsent(dir, d -> new java.util.HashSet<>(files)).add(file)) return false;
      files.add(file);
      return true;
    }

    boolean hasModuleFile(Path dir, Path file) {
      Set<Path> s = moduleFiles.get(dir);
      return s != null && s.contains(file);
    }

    void walk(Path root) {
      Path realRoot;
      try {
        realRoot = root.toRealPath();
      } catch (IOException e) {
        in.problems.add(Diagnostic.error(new Location(display.of(root), 1, 1), "cannot read directory"));
        return;
      }
      if (!walkedDirs.add(realRoot)) return;
      try {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) return FileVisitResult.CONTINUE;
            if (SKIPPED_DIRS.contains(dir.getFileName().toString()) || selection.excluded().test(dir)) return FileVisitResult.SKIP_SUBTREE;
            // no link is followed on the way here, so the real path is the root's plus the rest
            return walkedDirs.add(realRoot.resolve(root.relativize(dir).toString())) ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            if (selection.excluded().test(file.toAbsolutePath().normalize())) return FileVisitResult.CONTINUE;
            if (attrs.isRegularFile()) {
              if (takenFiles.add(realRoot.resolve(root.relativize(file).toString()))) in.addFile(file, false, display, selection, Walk.this);
            } else if (attrs.isSymbolicLink()) {
              links.put(file, file);
            } else if (attrs.isOther() && readable(name)) {
              in.problems.add(Diagnostic.note(new Location(display.of(file), 1, 1), "not a regular file (a FIFO, device or socket); not read"));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "cannot read";
            if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || readable(file.getFileName().toString())) {
              in.problems.add(Diagnostic.error(new Location(display.of(file), 1, 1), why));
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        in.problems.add(Diagnostic.error(new Location(display.of(root), 1, 1), "cannot read directory"));
      }
    }

    /** The links met while walking, in path order; following a directory link can meet more. */
    void followLinks() {
      while (!links.isEmpty()) {
        Path link = links.pollFirstEntry().getKey();
        String name = link.getFileName().toString();
        Path real;
        try {
          real = link.toRealPath();
        } catch (IOException e) {
          // a broken link to something we would read is worth saying; others are not ours
          if (readable(name)) in.problems.add(Diagnostic.note(new Location(display.of(link), 1, 1), whyMissing(link)));
          continue;
        }
        boolean dir = Files.isDirectory(real);
        if (!tree.contains(real)) {
          if (dir || readable(name)) {
            in.problems.add(Diagnostic.note(new Location(display.of(link), 1, 1),
                "symbolic link leads outside the scanned tree; not followed"));
          }
        } else if (dir) {
          Path parent = dev.exfilguard.source.Boundary.real(link.toAbsolutePath().normalize().getParent());
          if (walkedDirs.contains(real) && parent.startsWith(real)) {
            in.problems.add(Diagnostic.note(new Location(display.of(link), 1, 1), "symbolic link loop; not followed"));
          } else if (!walkedDirs.contains(real) && !SKIPPED_DIRS.contains(name) && !selection.excluded().test(real)) {
            walk(link);
          }
        } else if (Files.isRegularFile(real)) {
          if (!selection.excluded().test(real) && takenFiles.add(real)) in.addFile(link, false, display, selection, this);
        } else if (readable(name)) {
          in.problems.add(Diagnostic.note(new Location(display.of(link), 1, 1),
              "symbolic link to a file that is not regular (a FIFO, device or socket); not read"));
        }
      }
    }
  }

  private void addFile(Path file, boolean explicit, Paths display, Selection selection, Walk walk) {
    String name = file.getFileName().toString();
    if (explicit && name.endsWith(".tfvars") && file.getParent() != null) {
      // a changed variables file changes its module's values: it names the whole module
      try (var siblings = Files.list(file.getParent())) {
        for (Path s : siblings.filter(s -> (s.getFileName().toString().endsWith(".tf") || s.getFileName().toString().endsWith(".tf.json"))
            && Files.isRegularFile(s)).sorted().toList()) {
          if (!selection.excluded().test(s.toAbsolutePath().normalize())) addFile(s, true, display, selection, walk);
        }
      } catch (IOException e) {
        problems.add(Diagnostic.error(new Location(display.of(file.getParent()), 1, 1), "cannot list module directory"));
      }
    } else if (name.endsWith(".bicep") || name.endsWith(".bicepparam")) {
      addBicep(file, explicit);
    } else if (name.endsWith(".json") && !name.endsWith(".tf.json")) {
      // a hook passes every changed .json file: only templates among them are of interest
      json.merge(file, explicit && !selection.hook(), Boolean::logicalOr);
    } else if (name.endsWith(".tf") || name.endsWith(".tf.json")) {
      Path dir = file.getParent();
      List<Path> files = modules.computeIfAbsent(dir, d -> new ArrayList<>());
      contextOnly.remove(file);
      boolean first = files.isEmpty();
      walk.addModuleFile(dir, file, files);
      if (explicit && first) {
        // a module is all of its directory's .tf files: load the rest for context (listed once per module)
        try (var siblings = Files.list(dir)) {
          siblings.filter(s -> (s.getFileName().toString().endsWith(".tf") || s.getFileName().toString().endsWith(".tf.json"))
                  && Files.isRegularFile(s) && !walk.hasModuleFile(dir, s) && !selection.excluded().test(s.toAbsolutePath().normalize()))
              .forEach(s -> {
                walk.addModuleFile(dir, s, files);
                contextOnly.add(s);
              });
        } catch (IOException e) {
          problems.add(Diagnostic.error(new Location(display.of(dir), 1, 1), "cannot list module directory"));
        }
        files.sort(null);
      }
    } else if (explicit) {
      problems.add(Diagnostic.error(new Location(display.of(file), 1, 1),
          "not a file exfilguard reads (expected .json, .tf, .tfvars, .bicep or .bicepparam)"));
    }
  }

  /** A Bicep file: read on its own, with the modules it uses and the template a parameters file names. */
  private void addBicep(Path file, boolean explicit) {
    bicep.merge(file, explicit, Boolean::logicalOr);
  }

  /**
   * Display paths: relative to the working directory where possible, with forward slashes; a
   * file beside it (a module reached by {@code source = "../../modules/net"}) as {@code ../},
   * one that shares nothing with it but the file system's root as an absolute path.
   */
  public record Paths(Path base) {
    public String of(Path p) {
      Path abs = p.toAbsolutePath().normalize();
      String s;
      if (abs.startsWith(base)) {
        s = base.relativize(abs).toString();
      } else if (base.getNameCount() > 0 && abs.getNameCount() > 0 && base.getRoot() != null && base.getRoot().equals(abs.getRoot())
          && base.getName(0).equals(abs.getName(0))) {
        s = base.relativize(abs).toString();
      } else {
        s = abs.toString();
      }
      if (s.isEmpty()) s = ".";
      return s.replace('\\', '/');
    }
  }
}
