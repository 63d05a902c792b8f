package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** rules/README.md is generated; this fails when it no longer matches the rules and fixtures. */
class RuleDocsTest {

  @Test
  void rulesReadmeIsUpToDate() throws Exception {
    Path repo = Fixtures.repo();
    List<RuleMeta> metas = RuleLoader.loadDirectory(repo.resolve("rules")).stream().map(Rule::meta).toList();
    Map<String, Map<String, String>> fixtures = new TreeMap<>();
    for (RuleMeta m : metas) {
      Map<String, String> texts = new TreeMap<>();
      for (String f : List.of("arm/bad.json", "arm/good.json", "terraform/bad.tf", "terraform/good.tf", "bicep/bad.bicep", "bicep/good.bicep")) {
        texts.put(f, Files.readString(repo.resolve("testdata/rules").resolve(m.name()).resolve(f), StandardCharsets.UTF_8));
      }
      fixtures.put(m.name(), texts);
    }
    String expected = RuleDocs.render(metas, fixtures);
    Path readme = repo.resolve("rules/README.md");
    String actual = Files.isRegularFile(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, "rules/README.md is stale: run  bin/exfilguard rules docs -o rules/README.md");
  }

  @Test
  void examplesHaveNoMarkersAndEveryRuleHasAnAnchor() throws Exception {
    String md = Files.readString(Fixtures.repo().resolve("rules/README.md"), StandardCharsets.UTF_8);
    assertFalse(md.contains("expect:"), "fixture markers leak into the docs");
    for (Rule r : RuleLoader.loadDirectory(Fixtures.repo().resolve("rules"))) {
      assertTrue(md.contains("## " + r.meta().id() + " " + r.meta().name()), r.meta().id());
      assertTrue(r.meta().helpPath().endsWith("#" + RuleDocs.anchor(r.meta())), r.meta().helpPath());
    }
  }
}
