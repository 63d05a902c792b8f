package dev.exfilguard.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local {@code git} command, for the pull-request mode ({@code --diff-base}) and the
 * pre-commit mode ({@code --staged}). Only plumbing that reads the repository and writes into a
 * temporary directory of ours: the working tree, the index and the repository's refs are never
 * changed, nothing is fetched, and {@code core.fsmonitor} (a program the repository's config
 * could name) is switched off.
 */
public final class GitRepo {
  private final Path top;

  private GitRepo(Path top) {
    this.top = top;
  }

  /** Something git could not do, with git's own one-line reason. */
  public static final class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
      super(message);
    }
  }

  /** The repository {@code dir} is in. */
  public static GitRepo at(Path dir) throws GitException {
    Path d = dir.toAbsolutePath().normalize();
    while (d != null && !Files.isDirectory(d)) d = d.getParent();
    if (d == null) throw new GitException("no such directory: " + dir);
    String out = run(d, Map.of(), "rev-parse", "--show-toplevel").trim();
    try {
      return new GitRepo(Path.of(out).toRealPath());
    } catch (IOException e) {
      throw new GitException("cannot resolve the repository root " + out);
    }
  }

  public Path top() {
    return top;
  }

  /** The commit where the current branch left {@code ref}: what a pull request is compared with. */
  public String mergeBase(String ref) throws GitException {
    String commit = run(top, Map.of(), "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}").trim();
    if (commit.isEmpty()) throw new GitException("unknown revision '" + ref + "'");
    return run(top, Map.of(), "merge-base", commit, "HEAD").trim();
  }

  /**
   * Writes the tree of {@code commit} into {@code dir}, through a temporary index file so the
   * repository's own index is left alone.
   */
  public void materialiseCommit(String commit, Path dir) throws GitException {
    Path index = dir.resolveSibling(dir.getFileName() + ".index");
    Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
    try {
      run(top, env, "read-tree", commit);
      run(top, env, "checkout-index", "--all", "--force", "--prefix=" + dir + "/");
    } finally {
      try {
        Files.deleteIfExists(index);
      } catch (IOException ignored) {
        // a temporary file in our own temporary directory; removed with it
      }
    }
  }

  /** Writes the index's content (what the next commit will hold) into {@code dir}. */
  public void materialiseIndex(Path dir) throws GitException {
    run(top, Map.of(), "checkout-index", "--all", "--force", "--prefix=" + dir + "/");
  }

  /** Paths (relative to the top, forward slashes) of files added, changed, renamed or deleted in the index. */
  public List<String> stagedFiles() throws GitException {
    String out = run(top, Map.of(), "diff", "--cached", "--name-only", "--no-renames", "-z", "--diff-filter=ACMDT");
    List<String> files = new ArrayList<>();
    for (String s : out.split("\0")) if (!s.isEmpty()) files.add(s);
    return files;
  }

  private static String run(Path dir, Map<String, String> env, String... args) throws GitException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
    try {
      Path err = Files.createTempFile("exfilguard-git", ".err");
      try {
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
          String why = Files.readString(err, StandardCharsets.UTF_8).lines()
              .map(l -> l.replaceFirst("^(fatal|error): ", "")).filter(l -> !l.isBlank()).findFirst().orElse("exit " + rc);
          // rev-parse --verify --quiet says nothing for an unknown revision
          if (args.length > 0 && args[0].equals("rev-parse") && why.equals("exit " + rc) && List.of(args).contains("--verify")) {
            return "";
          }
          throw new GitException("git " + args[0] + ": " + why);
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new GitException("cannot run git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git");
    }
  }

  /** Deletes a temporary tree of ours, not following symbolic links out of it. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // best effort: a leftover temporary directory is not worth failing the scan for
    }
  }
}
