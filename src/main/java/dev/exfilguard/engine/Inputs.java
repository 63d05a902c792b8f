package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * recognised later by their {@code $schema}, plans by their {@code format_version}) and
 * Terraform modules (a directory's {@code .tf} and {@code .tf.json} files together). Directories are walked without entering {@code .git}, {@code .terraform}
 * and {@code node_modules}; symbolic links are followed, and a loop is reported, not entered.
 *
 * @param json JSON files to consider, with whether each was named explicitly
 * @param modules Terraform module directories → their {@code .tf} files
 * @param contextOnly {@code .tf} files read only because a file of their module was named:
 *     their findings are not reported (the pre-commit case, which names changed files)
 */
public record Inputs(TreeMap<Path, Boolean> json, TreeMap<Path, List<Path>> modules, Set<Path> contextOnly, List<Diagnostic> problems) {
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".terraform", "node_modules");

  /**
   * Which files a scan keeps.
   *
   * @param excluded absolute, normalised paths (files and directories) the config file excludes;
   *     they are skipped quietly, even when named
   * @param hook the names come from a hook (pre-commit) that passes every changed file of some
   *     extensions: a named JSON file is taken only if it is a template, a named {@code .bicep}
   *     file gets a note rather than an error
   */
  public record Selection(java.util.function.Predicate<Path> excluded, boolean hook) {
    public static final Selection ALL = new Selection(p -> false, false);
  }

  public static Inputs discover(List<Path> paths, Paths display) {
    return discover(paths, display, Selection.ALL);
  }

  public static Inputs discover(List<Path> paths, Paths display, Selection selection) {
    Inputs in = new Inputs(new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new ArrayList<>());
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (selection.excluded().test(abs)) continue;
      if (!Files.exists(abs)) {
        in.problems.add(Diagnostic.error(new Location(display.of(abs), 0, 0), whyMissing(abs)));
      } else if (Files.isDirectory(abs)) {
        in.walk(abs, display, selection);
      } else {
        in.addFile(abs, true, display, selection);
      }
    }
    return in;
  }

  /**
   * The files of deployment units read from a git tree (the git modes), each taken as a
   * directory walk takes it: JSON files that are not templates are skipped quietly, and a
   * module's {@code .tf} files are all given.
   */
  public static Inputs ofUnitFiles(List<Path> files, Paths display, Selection selection) {
    Inputs in = new Inputs(new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new ArrayList<>());
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      if (!selection.excluded().test(abs)) in.addFile(abs, false, display, selection);
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

  private void walk(Path root, Paths display, Selection selection) {
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && (SKIPPED_DIRS.contains(dir.getFileName().toString()) || selection.excluded().test(dir))
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !selection.excluded().test(file.toAbsolutePath().normalize())) {
            addFile(file, false, display, selection);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          String why = e instanceof FileSystemLoopException ? "symbolic link loop; not followed"
              : e instanceof NoSuchFileException ? "broken symbolic link"
              : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
              : Files.isSymbolicLink(file) ? whyMissing(file)
              : "cannot read: " + e.getClass().getSimpleName().replace("Exception", "");
          problems.add(Diagnostic.error(new Location(display.of(file), 0, 0), why));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      problems.add(Diagnostic.error(new Location(display.of(root), 0, 0), "cannot read directory: " + e.getMessage()));
    }
  }

  private void addFile(Path file, boolean explicit, Paths display, Selection selection) {
    String name = file.getFileName().toString();
    if (explicit && name.endsWith(".tfvars") && file.getParent() != null) {
      // a changed variables file changes its module's values: it names the whole module
      try (var siblings = Files.list(file.getParent())) {
        for (Path s : siblings.filter(s -> (s.getFileName().toString().endsWith(".tf") || s.getFileName().toString().endsWith(".tf.json"))
            && Files.isRegularFile(s)).sorted().toList()) {
          if (!selection.excluded().test(s.toAbsolutePath().normalize())) addFile(s, true, display, selection);
        }
      } catch (IOException e) {
        problems.add(Diagnostic.error(new Location(display.of(file.getParent()), 0, 0), "cannot list module directory: " + e.getMessage()));
      }
    } else if (explicit && selection.hook() && name.endsWith(".bicep")) {
      problems.add(Diagnostic.note(new Location(display.of(file), 0, 0),
          "Bicep source is not read; scan the ARM JSON that 'bicep build' writes"));
    } else if (name.endsWith(".json") && !name.endsWith(".tf.json")) {
      // a hook passes every changed .json file: only templates among them are of interest
      json.merge(file, explicit && !selection.hook(), Boolean::logicalOr);
    } else if (name.endsWith(".tf") || name.endsWith(".tf.json")) {
      Path dir = file.getParent();
      List<Path> files = modules.computeIfAbsent(dir, d -> new ArrayList<>());
      contextOnly.remove(file);
      if (!files.contains(file)) files.add(file);
      if (explicit) {
        // a module is all of its directory's .tf files: load the rest for context
        try (var siblings = Files.list(dir)) {
          siblings.filter(s -> (s.getFileName().toString().endsWith(".tf") || s.getFileName().toString().endsWith(".tf.json"))
                  && Files.isRegularFile(s) && !files.contains(s) && !selection.excluded().test(s.toAbsolutePath().normalize()))
              .forEach(s -> {
                files.add(s);
                contextOnly.add(s);
              });
        } catch (IOException e) {
          problems.add(Diagnostic.error(new Location(display.of(dir), 0, 0), "cannot list module directory: " + e.getMessage()));
        }
        files.sort(null);
      }
    } else if (explicit) {
      problems.add(Diagnostic.error(new Location(display.of(file), 0, 0), "not a file exfilguard reads (expected .json, .tf or .tfvars)"));
    }
  }

  /** Display paths: relative to the working directory where possible, with forward slashes. */
  public record Paths(Path base) {
    public String of(Path p) {
      Path abs = p.toAbsolutePath().normalize();
      String s = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
      if (s.isEmpty()) s = ".";
      return s.replace('\\', '/');
    }
  }
}
