package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.TextFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A git tree (the index, or a commit) as the files of a scan: each file is read from the object
 * store by its blob ID when a reader asks for it, and shown with the path it has in the
 * repository, so nothing is written out. The tree is laid over the repository's top directory:
 * {@code <top>/infra/main.tf} is the tree's {@code infra/main.tf}, whatever the disk holds there.
 * Paths outside the repository (a {@code --parameters} or {@code --var-file} named on the
 * command line) are read from the disk. A symbolic link or a submodule in the tree is not a
 * file: links are not followed.
 */
public final class GitSourceFiles implements SourceFiles {
  private final GitRepo repo;
  private final GitTree tree;
  private final Path top;
  private final Inputs.Paths display;
  private final LocalSourceFiles outside;
  private final Map<String, Read> cache = new ConcurrentHashMap<>();
  private Map<String, TreeSet<String>> dirs;

  /** What reading one file gave: its text, or the diagnostics that say why not. */
  private record Read(Optional<String> text, List<Diagnostic> diagnostics) {}

  /**
   * @param roots the scan's paths (absolute, under the top): what the user names outside the
   *     repository is read from the disk by their rules
   */
  public GitSourceFiles(GitRepo repo, GitTree tree, Inputs.Paths display, List<Path> roots) {
    this.repo = repo;
    this.tree = tree;
    this.top = repo.top();
    this.display = display;
    this.outside = new LocalSourceFiles(display, roots);
  }

  public GitTree tree() {
    return tree;
  }

  /** The tree's path for {@code file} (relative to the top), or null when it is outside the repository. */
  private String rel(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(top)) return null;
    return top.relativize(abs).toString().replace('\\', '/');
  }

  @Override
  public String display(Path file) {
    return display.of(file);
  }

  /**
   * The scanned tree is the repository (as on the disk: a root module reads the modules beside
   * it); links in the tree are not files here, so the path as written is where it leads.
   */
  @Override
  public boolean inScannedTree(Path file) {
    return file.toAbsolutePath().normalize().startsWith(top);
  }

  @Override
  public boolean exists(Path file) {
    String r = rel(file);
    return r == null ? outside.exists(file) : tree.entries().containsKey(r);
  }

  @Override
  public boolean isFile(Path file) {
    String r = rel(file);
    return r == null ? outside.isFile(file) : tree.isFile(r);
  }

  @Override
  public boolean isDirectory(Path dir) {
    String r = rel(dir);
    return r == null ? outside.isDirectory(dir) : directories().containsKey(r);
  }

  @Override
  public List<Path> list(Path dir) {
    String r = rel(dir);
    if (r == null) return outside.list(dir);
    TreeSet<String> names = directories().get(r);
    if (names == null) return List.of();
    Path d = top.resolve(r);
    List<Path> out = new ArrayList<>();
    for (String n : names) out.add(d.resolve(n));
    return out;
  }

  /** Each directory of the tree ("" for the top) with the names in it. */
  private synchronized Map<String, TreeSet<String>> directories() {
    if (dirs == null) {
      Map<String, TreeSet<String>> m = new HashMap<>();
      m.put("", new TreeSet<>());
      for (String p : tree.entries().keySet()) {
        String child = p;
        int slash;
        while (true) {
          slash = child.lastIndexOf('/');
          String parent = slash < 0 ? "" : child.substring(0, slash);
          boolean known = m.containsKey(parent);
          m.computeIfAbsent(parent, k -> new TreeSet<>()).add(child.substring(slash + 1));
          if (known || slash < 0) break;
          child = parent;
        }
      }
      dirs = m;
    }
    return dirs;
  }

  @Override
  public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
    String r = rel(file);
    if (r == null) return outside.read(file, diagnostics);
    Read got = cache.computeIfAbsent(r, k -> load(k, file));
    diagnostics.addAll(got.diagnostics());
    return got.text();
  }

  private Read load(String rel, Path file) {
    String shown = display.of(file);
    List<Diagnostic> ds = new ArrayList<>();
    GitTree.Entry e = tree.entries().get(rel);
    if (e == null || !e.regular()) {
      ds.add(Diagnostic.error(at(shown), e == null ? "no such file" : "not a regular file in git (a symbolic link or submodule)"));
      return new Read(Optional.empty(), ds);
    }
    try {
      long max = LocalSourceFiles.maxBytes(file);
      long size = e.size() >= 0 ? e.size() : repo.size(e.id());
      if (size > max) {
        ds.add(Diagnostic.error(at(shown), "file larger than " + TextFile.size(max) + "; not read"));
        return new Read(Optional.empty(), ds);
      }
      Optional<byte[]> bytes = size < 0 ? Optional.empty() : repo.blob(e.id());
      if (bytes.isEmpty()) {
        ds.add(Diagnostic.error(at(shown), "cannot read: its blob is not in the repository"));
        return new Read(Optional.empty(), ds);
      }
      return new Read(Optional.of(TextFile.decode(bytes.get())), ds);
    } catch (TextFile.Unreadable x) {
      ds.add(Diagnostic.error(at(shown), x.getMessage()));
      return new Read(Optional.empty(), ds);
    } catch (GitRepo.GitException x) {
      ds.add(Diagnostic.error(at(shown), "cannot read: " + x.getMessage()));
      return new Read(Optional.empty(), ds);
    }
  }

  /** A problem with a file as a whole is reported at its first line. */
  private static Location at(String shown) {
    return new Location(shown, 1, 1);
  }
}
