package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.testing.ExpectationMarkers;
import dev.exfilguard.testing.ExpectationMarkers.Expected;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every rule on its annotated fixtures: each {@code expect:} marker must get a finding of
 * that rule on the next line, and no finding of the rule may stand on an unmarked line.
 */
class RuleFixturesTest {

  static Stream<Arguments> fixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Rule r : RuleLoader.loadDirectory(Fixtures.repo().resolve("rules"))) {
      for (String f : List.of("arm/bad.json", "arm/good.json", "terraform/bad.tf", "terraform/good.tf", "bicep/bad.bicep", "bicep/good.bicep")) {
        out.add(Arguments.of(r.meta().id(), r.meta().name() + "/" + f, r));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void fixtureGetsExactlyTheMarkedFindings(String id, String fixture, Rule rule) throws Exception {
    Path file = Fixtures.repo().resolve("testdata/rules").resolve(fixture);
    assertTrue(Files.isRegularFile(file), "missing fixture " + file);
    String display = "testdata/rules/" + fixture;
    ReadResult read = Fixtures.read(file, display);
    List<Diagnostic> errors = read.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
    assertEquals(List.of(), errors, "the fixture must load cleanly");

    List<String> expected = new ArrayList<>();
    for (Expected e : ExpectationMarkers.read(file)) {
      if (e.ruleId().equals(id)) expected.add(e.ruleId() + " at line " + e.line());
    }
    List<Hit> hits = rule.evaluate(new ResourceGraph(read.resources()));
    List<String> actual = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (Hit h : hits) {
      assertEquals(display, h.location().file(), "finding outside the fixture: " + h);
      actual.add(id + " at line " + h.location().line());
      all.append("\n  ").append(h.location()).append("  ").append(h.message()).append(" [").append(h.resourceAddress()).append(']');
    }
    if (fixture.contains("/bad.") && expected.isEmpty()) fail(display + " has no expect: marker for " + id);
    if (fixture.contains("/good.") && !expected.isEmpty()) fail(display + " is a good fixture but expects " + expected);
    expected.sort(null);
    actual.sort(null);
    if (!expected.equals(actual)) {
      fail(display + ": expected " + expected + " but got " + actual + "; findings:" + (all.length() == 0 ? " none" : all));
    }
  }
}
