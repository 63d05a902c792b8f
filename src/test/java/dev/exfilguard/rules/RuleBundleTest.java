package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's rule bundle is the YAML, exactly: same trees, same positions, same rules. */
class RuleBundleTest {
  @TempDir Path tmp;

  @Test
  void theBundleOnTheClassPathDecodesToTheTreesOfTheYamlFiles() throws Exception {
    List<RuleBundle.Entry> yaml = RuleBundle.fromYaml(Fixtures.repo().resolve("rules"));
    assertTrue(yaml.size() >= 30, "every rule file");
    List<RuleBundle.Entry> built;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RuleBundle.RESOURCE)) {
      assertNotNull(in, "the build writes " + RuleBundle.RESOURCE);
      built = RuleBundle.read(in);
    }
    // Value records compare field by field, locations included: a stale bundle fails here
    assertEquals(yaml, built);
  }

  @Test
  void builtInRulesAreTheRulesOfTheYamlDirectory() throws Exception {
    List<RuleMeta> fromBundle = RuleLoader.builtIn().stream().map(Rule::meta).toList();
    List<RuleMeta> fromYaml = RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")).stream().map(Rule::meta).toList();
    assertEquals(fromYaml, fromBundle);
    List<String> checks = RuleLoader.builtIn().stream().map(r -> r.checkName() == null ? "when " + r.when() : r.checkName()).toList();
    assertEquals(RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")).stream()
        .map(r -> r.checkName() == null ? "when " + r.when() : r.checkName()).toList().size(), checks.size());
  }

  @Test
  void roundTripKeepsNumbersStringsAndPositions() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("rules"));
    Files.copy(Fixtures.repo().resolve("rules/nsg-frontdoor-egress.yaml"), dir.resolve("nsg-frontdoor-egress.yaml"));
    List<RuleBundle.Entry> in = RuleBundle.fromYaml(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RuleBundle.write(in, out);
    assertEquals(in, RuleBundle.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void aRuleTheLoaderWouldRejectFailsTheBuildStep() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(dir.resolve("x.yaml"), "id: AMLX-99\nname: x\nbogus: 1\n");
    RuleException e = assertThrows(RuleException.class, () -> RuleBundle.fromYaml(dir));
    assertEquals("rules/x.yaml:3:8", e.location().toString());
    assertThrows(IOException.class, () -> RuleBundle.read(new ByteArrayInputStream("not a bundle".getBytes())));
  }
}
