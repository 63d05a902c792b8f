package dev.exfilguard.bicep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every {@code .bicep} file of the shared corpus (modules, children, e2e tests) parses. */
class BicepCorpusParseTest {

  static List<Path> corpusFiles() throws Exception {
    Path root = Fixtures.shared().resolve("bicep-corpus");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".bicep")).sorted().toList();
    }
  }

  @Test
  void everyCorpusFileParses() throws Exception {
    List<Path> files = corpusFiles();
    assertTrue(files.size() >= 567, "corpus has " + files.size() + " .bicep files");
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      try {
        BicepParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      } catch (BicepParseException e) {
        failures.add(e.located());
      }
    }
    assertEquals(List.of(), failures);
  }
}
