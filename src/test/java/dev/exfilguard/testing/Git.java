package dev.exfilguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} command on a temporary repository, isolated from the developer's
 * configuration (no global or system config, a fixed identity).
 */
public final class Git {
  private final Path dir;

  private Git(Path dir) {
    this.dir = dir;
  }

  /** An existing repository (or worktree). */
  public static Git at(Path dir) {
    return new Git(dir);
  }

  /** {@code git init} in {@code dir} with {@code main} as the first branch. */
  public static Git init(Path dir) {
    Git g = new Git(dir);
    g.run("init", "-q", "-b", "main");
    return g;
  }

  public Path dir() {
    return dir;
  }

  public void commitAll(String message) {
    run("add", "-A");
    run("commit", "-q", "-m", message);
  }

  /** Runs git and returns its standard output; fails the test on a non-zero exit. */
  public String run(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=exfilguard test", "-c",
        "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("git", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("git " + String.join(" ", args) + " did not finish");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError("git " + String.join(" ", args) + " failed:\n" + text);
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
