package dev.exfilguard.hcl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every real Terraform file in the shared corpus must parse. */
class CorpusParseTest {

  @Test
  void everyCorpusFileParses() throws Exception {
    List<Path> files = TestFiles.corpusHclFiles();
    assertFalse(files.isEmpty(), "no .tf/.tfvars files found in the corpus");
    List<String> failures = new ArrayList<>();
    int blocks = 0;
    for (Path f : files) {
      try {
        Body b = HclParser.parse(f.toString(), TestFiles.read(f));
        blocks += b.blocks().size();
      } catch (HclParseException e) {
        failures.add(e.located());
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + files.size() + " files failed:\n" + String.join("\n", failures));
    assertTrue(blocks > 0, "corpus parsed to no blocks at all");
    System.out.println("[hcl] corpus: " + files.size() + " files parsed, " + blocks + " top-level blocks");
  }

  @Test
  void fixturesParse() throws Exception {
    for (Path f : TestFiles.oracleFixtures()) {
      HclParser.parse(f.toString(), TestFiles.read(f));
    }
  }
}
