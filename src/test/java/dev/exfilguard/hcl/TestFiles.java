package dev.exfilguard.hcl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared corpus and this module's HCL fixtures. */
final class TestFiles {

  private TestFiles() {}

  /** The shared directory; fails (never skips) when it is not configured or missing. */
  static Path shared() {
    String dir = System.getProperty("exfilguard.shared");
    if (dir == null || dir.isBlank()) {
      fail("system property exfilguard.shared is not set (pom.xml passes it to surefire)");
    }
    Path p = Path.of(dir).toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(p.resolve("corpus")), "shared corpus directory missing: " + p.resolve("corpus"));
    return p;
  }

  /** Every .tf / .tfvars file under the corpus, sorted for stable reports. */
  static List<Path> corpusHclFiles() {
    return hclFilesUnder(shared().resolve("corpus"), true);
  }

  /** The hand-written oracle fixtures under src/test/resources/hcl/oracle. */
  static List<Path> oracleFixtures() {
    return hclFilesUnder(Path.of("src/test/resources/hcl/oracle").toAbsolutePath(), true);
  }

  private static List<Path> hclFilesUnder(Path root, boolean includeTfvars) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".tf") || (includeTfvars && p.toString().endsWith(".tfvars")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
