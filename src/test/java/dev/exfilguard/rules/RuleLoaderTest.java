package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  private static final String FILE = "rules/test-rule.yaml";

  /** Lines 1-10: everything but the logic. */
  private static final String HEAD = ""
      + "id: AMLX-98\n"                                                   // 1
      + "name: test-rule\n"                                               // 2
      + "title: A test rule\n"                                            // 3
      + "severity: medium\n"                                              // 4
      + "category: compute\n"                                             // 5
      + "resources:\n"                                                    // 6
      + "  - Microsoft.MachineLearningServices/workspaces/computes\n"     // 7
      + "description: why it matters\n"                                   // 8
      + "remediation: what to do\n"                                       // 9
      + "message: \"Compute {name}\"\n";                                  // 10

  /** Lines 11-13. */
  private static final String WHEN = ""
      + "when:\n"                                                         // 11
      + "  field: properties.computeType\n"                              // 12
      + "  equals: AmlCompute\n";                                         // 13

  private static RuleException fails(String yaml) {
    return assertThrows(RuleException.class, () -> RuleLoader.parse(FILE, yaml));
  }

  private static void failsAt(String yaml, int line, int column, String reasonPart) {
    RuleException e = fails(yaml);
    assertEquals(new Location(FILE, line, column), e.location(), e.toString());
    assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
  }

  private static void failsAtLine(String yaml, int line, String reasonPart) {
    RuleException e = fails(yaml);
    assertEquals(FILE, e.location().file(), e.toString());
    assertEquals(line, e.location().line(), e.toString());
    assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
  }

  @Test
  void validMinimalWhenRule() throws Exception {
    Rule r = RuleLoader.parse(FILE, HEAD + WHEN);
    assertEquals("AMLX-98", r.meta().id());
    assertEquals("test-rule", r.meta().name());
    assertEquals(Severity.MEDIUM, r.meta().severity());
    assertEquals(List.of("Microsoft.MachineLearningServices/workspaces/computes"), r.meta().resourceTypes());
    assertEquals(List.of(), r.meta().references());
    assertEquals(FILE, r.meta().source());
    assertEquals("Compute {name}", r.message());
    assertInstanceOf(Condition.Field.class, r.when());
    assertEquals(new Location(FILE, 12, 3), r.when().source());
    assertNull(r.check());
  }

  @Test
  void validCheckRuleFindsTheJavaCheckByName() throws Exception {
    Rule r = RuleLoader.parse(FILE, HEAD + "check: FrontDoorEgress\n");
    assertNotNull(r.check());
    assertEquals("FrontDoorEgress", r.checkName());
    assertNull(r.when());
  }

  @Test
  void unknownTopLevelKey() {
    failsAt(HEAD + WHEN + "colour: red\n", 14, 9, "unknown key 'colour'");
  }

  @Test
  void badIdPattern() {
    for (String id : new String[] {"AMLX-1", "AMLX-123", "amlx-01", "AMLX-0a", "XMLA-01"}) {
      failsAt((HEAD + WHEN).replace("AMLX-98", id), 1, 5, "must look like AMLX-nn");
    }
  }

  @Test
  void nameMustEqualTheFileStem() {
    failsAt((HEAD + WHEN).replace("name: test-rule", "name: other-rule"), 2, 7, "must equal the file name 'test-rule'");
  }

  @Test
  void badSeverity() {
    failsAt((HEAD + WHEN).replace("severity: medium", "severity: critical"), 4, 11, "severity must be one of");
  }

  @Test
  void severityIsCaseInsensitive() throws Exception {
    assertEquals(Severity.HIGH, RuleLoader.parse(FILE, (HEAD + WHEN).replace("severity: medium", "severity: High")).meta().severity());
  }

  @Test
  void missingRequiredField() {
    failsAtLine((HEAD + WHEN).replace("title: A test rule\n", ""), 1, "missing 'title'");
  }

  @Test
  void emptyStringField() {
    failsAt((HEAD + WHEN).replace("category: compute", "category: \"\""), 5, 11, "non-empty string");
  }

  @Test
  void bothWhenAndCheck() {
    failsAtLine(HEAD + WHEN + "check: FrontDoorEgress\n", 1, "exactly one of 'when' and 'check'");
  }

  @Test
  void neitherWhenNorCheck() {
    failsAtLine(HEAD, 1, "exactly one of 'when' and 'check'");
  }

  @Test
  void whenRuleNeedsResources() {
    String yaml = (HEAD + WHEN).replace("resources:\n  - Microsoft.MachineLearningServices/workspaces/computes\n", "");
    failsAtLine(yaml, 1, "needs at least one entry in 'resources'");
  }

  @Test
  void resourcesMustBeAList() {
    String yaml = (HEAD + WHEN).replace("resources:\n  - Microsoft", "resources: Microsoft");
    failsAt(yaml, 6, 12, "'resources' must be a list");
  }

  @Test
  void unknownCheckClass() {
    failsAt(HEAD + "check: NoSuchCheck\n", 11, 8, "no check named 'NoSuchCheck'");
  }

  @Test
  void checkMustBeAClassName() {
    failsAt(HEAD + "check: ../evil\n", 11, 8, "must be a Java class name");
  }

  @Test
  void conditionMustBeAMapping() {
    failsAt(HEAD + "when: [a, b]\n", 11, 7, "a condition must be a mapping");
  }

  @Test
  void conditionWithoutAKnownKey() {
    failsAt(HEAD + "when:\n  fields: x\n", 12, 3, "a condition needs one of");
  }

  @Test
  void allNeedsANonEmptyList() {
    failsAt(HEAD + "when:\n  all: []\n", 12, 8, "'all' needs a non-empty list");
    failsAt(HEAD + "when:\n  any: x\n", 12, 8, "'any' needs a non-empty list");
  }

  @Test
  void extraKeyNextToAll() {
    // keys carry no location of their own: the error points at the key's value, here the mapping on the next line
    failsAt(HEAD + "when:\n  all:\n    - field: a\n      exists: true\n  not:\n    field: b\n    exists: true\n", 16, 5, "unexpected key 'not'");
  }

  @Test
  void nestedBadConditionIsReportedWhereItIs() {
    String yaml = HEAD + "when:\n"
        + "  all:\n"                         // 12
        + "    - field: a\n"                 // 13
        + "      exists: true\n"             // 14
        + "    - not:\n"                     // 15
        + "        field: b\n"               // 16
        + "        equal: x\n";              // 17
    failsAt(yaml, 17, 16, "unknown key 'equal' in a field condition");
  }

  @Test
  void fieldNeedsExactlyOneOperator() {
    failsAt(HEAD + "when:\n  field: a\n  equals: x\n  exists: true\n", 12, 3, "exactly one operator");
    failsAt(HEAD + "when:\n  field: a\n", 12, 3, "exactly one operator");
  }

  @Test
  void quantifierNeedsWhere() {
    failsAt(HEAD + "when:\n  some: properties.securityRules\n", 12, 3, "'some' needs a 'where' condition");
  }

  @Test
  void quantifierRejectsOtherKeys() {
    failsAt(HEAD + "when:\n  every: properties.x\n  where:\n    field: a\n    exists: true\n  field: y\n", 16, 10, "unexpected key 'field'");
  }

  @Test
  void operatorArgumentShapes() {
    failsAt(HEAD + "when:\n  field: a\n  in: Deny\n", 13, 7, "'in' needs a non-empty list");
    failsAt(HEAD + "when:\n  field: a\n  in: []\n", 13, 7, "'in' needs a non-empty list");
    failsAt(HEAD + "when:\n  field: a\n  in: [x, [y]]\n", 13, 11, "expected a single value");
    failsAt(HEAD + "when:\n  field: a\n  equals: [x]\n", 13, 11, "expected a single value");
    failsAt(HEAD + "when:\n  field: a\n  exists: \"yes\"\n", 13, 11, "'exists' needs true or false");
  }

  @Test
  void badRegex() {
    failsAt(HEAD + "when:\n  field: a\n  matches: \"(unclosed\"\n", 13, 12, "bad regular expression");
  }

  @Test
  void yamlSyntaxErrorIsARuleException() {
    RuleException e = fails(HEAD + "when: [unclosed\n");
    assertEquals(FILE, e.location().file());
    assertTrue(e.location().line() >= 11, e.toString());
  }

  @Test
  void notAMapping() {
    failsAt("- just\n- a list\n", 1, 1, "must be a mapping");
  }

  @Test
  void builtInRulesLoadSortedById() throws Exception {
    List<Rule> rules = RuleLoader.builtIn();
    assertTrue(rules.size() >= 4, rules.toString());
    for (int i = 1; i < rules.size(); i++) {
      assertTrue(rules.get(i - 1).meta().id().compareTo(rules.get(i).meta().id()) < 0);
    }
  }

  @Test
  void duplicateIdsInADirectoryAreAnError(@TempDir Path dir) throws Exception {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(rules.resolve("test-rule.yaml"), HEAD + WHEN);
    Files.writeString(rules.resolve("other-rule.yaml"), (HEAD + WHEN).replace("name: test-rule", "name: other-rule"));
    RuleException e = assertThrows(RuleException.class, () -> RuleLoader.loadDirectory(rules));
    assertTrue(e.getMessage().contains("AMLX-98"), e.getMessage());
  }

  @Test
  void loadDirectoryUsesDirectoryAndFileForTheDisplayPath(@TempDir Path dir) throws Exception {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(rules.resolve("test-rule.yaml"), HEAD + WHEN);
    Files.writeString(rules.resolve("notes.txt"), "not a rule");
    List<Rule> loaded = RuleLoader.loadDirectory(rules);
    assertEquals(1, loaded.size());
    assertEquals(FILE, loaded.get(0).meta().source());
  }
}
