package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue as a whole: IDs, names, fixtures and checks are consistent. */
class RuleCatalogueTest {
  private final Path repo = Fixtures.repo();

  private List<Rule> rules() throws Exception {
    return RuleLoader.loadDirectory(repo.resolve("rules"));
  }

  @Test
  void idsAreUniqueAndWellFormed() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (Rule r : rules()) {
      assertTrue(RuleLoader.isRuleId(r.meta().id()), r.meta().id());
      assertTrue(ids.add(r.meta().id()), "duplicate ID " + r.meta().id());
    }
  }

  @Test
  void everyRuleHasItsSixFixturesAndEveryFixtureDirectoryItsRule() throws Exception {
    Set<String> names = rules().stream().map(r -> r.meta().name()).collect(Collectors.toCollection(TreeSet::new));
    for (String name : names) {
      for (String f : List.of("arm/bad.json", "arm/good.json", "terraform/bad.tf", "terraform/good.tf", "bicep/bad.bicep", "bicep/good.bicep")) {
        assertTrue(Files.isRegularFile(repo.resolve("testdata/rules").resolve(name).resolve(f)), name + " lacks " + f);
      }
    }
    try (Stream<Path> dirs = Files.list(repo.resolve("testdata/rules"))) {
      for (Path d : dirs.toList()) assertTrue(names.contains(d.getFileName().toString()), "fixtures without a rule: " + d);
    }
  }

  @Test
  void everyCheckClassIsUsedByExactlyOneRule() throws Exception {
    List<String> used = new ArrayList<>();
    for (Rule r : rules()) if (r.checkName() != null) used.add(r.checkName());
    Set<String> classes = new TreeSet<>();
    Path dir = repo.resolve("src/main/java/" + RuleLoader.CHECK_PACKAGE.replace('.', '/'));
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).forEach(n -> classes.add(n.replace(".java", "")));
    }
    assertEquals(classes, new TreeSet<>(used), "check classes and the rules naming them");
    assertEquals(used.size(), new TreeSet<>(used).size(), "a check named by two rules: " + used);
  }

  @Test
  void builtInRulesAreTheRepositoryRules() throws Exception {
    List<String> builtIn = RuleLoader.builtIn().stream().map(r -> r.meta().id()).toList();
    assertEquals(rules().stream().map(r -> r.meta().id()).toList(), builtIn);
  }

  @Test
  void textsAreWrittenForReviewers() throws Exception {
    for (Rule r : rules()) {
      RuleMeta m = r.meta();
      assertFalse(m.title().endsWith("."), m.id() + " title ends with a period");
      assertTrue(m.description().length() > 200, m.id() + " description too short to explain the exfiltration path");
      assertFalse(m.remediation().isBlank(), m.id() + " has no remediation");
      assertFalse(m.references().isEmpty(), m.id() + " has no reference");
      for (String ref : m.references()) assertTrue(ref.startsWith("https://"), m.id() + " reference " + ref);
    }
  }

  @Test
  void rulesDirectoryHoldsOnlyRules() throws IOException {
    try (Stream<Path> s = Files.list(repo.resolve("rules"))) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        assertTrue(n.endsWith(".yaml") || n.equals("README.md"), "unexpected file in rules/: " + n);
      }
    }
  }
}
