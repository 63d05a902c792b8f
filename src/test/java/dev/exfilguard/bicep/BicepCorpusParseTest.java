package dev.exfilguard.bicep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .bicep} file of the shared corpus (modules, children, e2e tests) parses, and reads
 * (modules followed, lowered, evaluated) with no error.
 */
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

  @Test
  void everyCorpusFileReadsWithoutAnError() throws Exception {
    Path root = Fixtures.shared().resolve("bicep-corpus");
    TreeSources sources = new TreeSources(root);
    List<String> errors = new ArrayList<>();
    int resources = 0;
    for (Path f : corpusFiles()) {
      BicepReader.Loaded l = BicepReader.read(f, sources, InputOptions.NONE);
      resources += l.result().resources().size();
      for (Diagnostic d : l.result().diagnostics()) if (d.kind() == Diagnostic.Kind.ERROR) errors.add(d.toString());
    }
    assertEquals(List.of(), errors);
    assertTrue(resources > 5000, "the corpus reads into " + resources + " resources");
  }
}
