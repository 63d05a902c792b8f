package dev.exfilguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dev.exfilguard.cli.Main} as a separate JVM, the way users run it, so that exit
 * codes from {@code System.exit}, the real stdout and stderr, and the absence of a terminal are
 * what the tests see.
 */
public final class CliProcess {
  /** Only there so that a hung process fails the test instead of the build; never asserted on. */
  private static final long HANG_GUARD_SECONDS = 60;

  private CliProcess() {}

  /** What one run produced. */
  public record Result(int exitCode, byte[] stdoutBytes, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
  }

  /** Runs the CLI in {@code workDir} with {@code NO_COLOR} unset. */
  public static Result run(Path workDir, String... args) {
    return run(workDir, Map.of(), args);
  }

  /**
   * @param env variables to set for the child; {@code NO_COLOR} is removed first so that a
   *     developer's shell does not decide what the tests see
   */
  public static Result run(Path workDir, Map<String, String> env, String... args) {
    return run(workDir, env, List.of(), args);
  }

  /**
   * Runs the CLI in a JVM with these options, e.g. {@code -Xmx512m}: a hostile input must be read
   * within the heap the launcher gives, not within a quarter of the test machine's memory.
   */
  public static Result run(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.exfilguard.cli.Main"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("exfilguard-cli", ".out");
      Path err = Files.createTempFile("exfilguard-cli", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("exfilguard " + String.join(" ", args) + " did not finish");
        }
        byte[] stdout = Files.readAllBytes(out);
        return new Result(p.exitValue(), stdout, new String(stdout, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
