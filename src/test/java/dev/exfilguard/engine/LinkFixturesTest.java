package dev.exfilguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.testing.ExpectationMarkers;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names built from values known only at deployment still link the graph:
 * {@code testdata/links/<pattern>/{bad,good}} are small deployments (a template, or a Terraform
 * root with its modules under {@code root/}) scanned as a user would. Every {@code expect:} marker
 * in any of their files must get its finding and every finding must be marked, whatever the
 * rule. A bad case links through the pattern and has findings; its good twin builds the names so
 * that they differ for every value (another suffix), so nothing is linked.
 */
class LinkFixturesTest {
  static Stream<String> cases() throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Fixtures.repo().resolve("testdata/links"))) {
      for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
        for (String twin : List.of("bad", "good")) out.add(c.getFileName() + "/" + twin);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyMarkedFindingAndNothingElse(String name) throws Exception {
    Path repo = Fixtures.repo();
    Path dir = repo.resolve("testdata/links").resolve(name);
    assertFalse(!Files.isDirectory(dir), "missing " + dir);
    Path root = Files.isDirectory(dir.resolve("root")) ? dir.resolve("root") : dir;
    ScanReport r = new Scanner(RuleLoader.loadDirectory(repo.resolve("rules")), repo).scan(List.of(root), "test");
    assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList(), "the case must load cleanly");

    List<String> expected = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String display = repo.relativize(f).toString().replace('\\', '/');
        for (ExpectationMarkers.Expected e : ExpectationMarkers.read(f)) expected.add(display + ":" + e.line() + " " + e.ruleId());
      }
    }
    List<String> actual = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (Finding f : r.findings()) {
      actual.add(f.location().file() + ":" + f.location().line() + " " + f.ruleId());
      all.append("\n  ").append(f.location()).append(' ').append(f.ruleId()).append(' ').append(f.message());
    }
    if (name.endsWith("/bad") && expected.isEmpty()) fail(name + " has no expect: marker");
    expected.sort(null);
    actual.sort(null);
    if (!expected.equals(actual)) fail(name + ": expected " + expected + " but got " + actual + "; findings:" + (all.length() == 0 ? " none" : all));
  }
}
