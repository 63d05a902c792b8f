package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode sarif(ScanReport report) throws Exception {
    return MAPPER.readTree(Render.of(new SarifReporter(), report));
  }

  private static JsonNode run(ScanReport report) throws Exception {
    return sarif(report).get("runs").get(0);
  }

  @Test
  void fullReportIsValidSarif() throws Exception {
    assertEquals("", SarifSchema.violations(sarif(ReportFixtures.full())));
  }

  @Test
  void cleanReportIsValidSarifWithEmptyResults() throws Exception {
    JsonNode log = sarif(ReportFixtures.clean(3));
    assertEquals("", SarifSchema.violations(log));
    JsonNode results = log.get("runs").get(0).get("results");
    assertTrue(results.isArray() && results.isEmpty());
  }

  @Test
  void schemaCheckCatchesBrokenLogs() throws Exception {
    // the validator must be able to say no, or the test above proves nothing
    ObjectNode noVersion = (ObjectNode) sarif(ReportFixtures.full());
    noVersion.remove("version");
    assertFalse(SarifSchema.violations(noVersion).isEmpty());

    ObjectNode lineZero = (ObjectNode) sarif(ReportFixtures.full());
    ((ObjectNode) lineZero.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startLine", 0);
    assertFalse(SarifSchema.violations(lineZero).isEmpty());
  }

  @Test
  void headerAndDriver() throws Exception {
    JsonNode log = sarif(ReportFixtures.full());
    assertEquals("2.1.0", log.get("version").asText());
    assertEquals(SarifReporter.SCHEMA_URI, log.get("$schema").asText());
    assertEquals(1, log.get("runs").size());
    JsonNode driver = log.at("/runs/0/tool/driver");
    assertEquals("exfilguard", driver.get("name").asText());
    assertEquals("0.1.0", driver.get("version").asText());
    assertTrue(URI.create(driver.get("informationUri").asText()).isAbsolute());
  }

  @Test
  void rulesAreUniqueSortedAndCarryHelp() throws Exception {
    JsonNode rules = run(ReportFixtures.full()).at("/tool/driver/rules");
    assertEquals(4, rules.size(), "every rule that ran, with or without results");
    Set<String> ids = new HashSet<>();
    String previous = "";
    for (JsonNode r : rules) {
      String id = r.get("id").asText();
      assertTrue(ids.add(id), "duplicate rule id " + id);
      assertTrue(id.compareTo(previous) > 0, "rules not sorted by id at " + id);
      previous = id;
      assertFalse(r.at("/shortDescription/text").asText().isBlank());
      assertFalse(r.at("/fullDescription/text").asText().isBlank());
      assertFalse(r.at("/help/text").asText().isBlank());
      assertFalse(r.at("/help/markdown").asText().isBlank());
      URI help = URI.create(r.get("helpUri").asText());
      assertTrue(help.isAbsolute() && help.getScheme().equals("https"), help.toString());
      assertTrue(r.at("/properties/tags").toString().contains("\"security\""));
    }

    JsonNode fd = rules.get(0);
    assertEquals("AMLX-01", fd.get("id").asText());
    assertEquals("nsg-frontdoor-frontend-egress", fd.get("name").asText());
    assertEquals(ReportFixtures.FRONT_DOOR.title(), fd.at("/shortDescription/text").asText());
    assertEquals(ReportFixtures.FRONT_DOOR.description(), fd.at("/fullDescription/text").asText());
    assertEquals(
        "https://github.com/exfilguard/exfilguard/blob/main/rules/README.md#amlx-01-nsg-frontdoor-frontend-egress",
        fd.get("helpUri").asText());
    assertEquals("error", fd.at("/defaultConfiguration/level").asText());
    assertEquals("8.0", fd.at("/properties/security-severity").asText());
    assertEquals("high", fd.at("/properties/precision").asText());
    assertEquals("[\"security\",\"network\"]", fd.at("/properties/tags").toString());
    String markdown = fd.at("/help/markdown").asText();
    assertTrue(markdown.contains(ReportFixtures.FRONT_DOOR.remediation()), markdown);
    assertTrue(markdown.contains(ReportFixtures.FRONT_DOOR.references().get(0)), markdown);
    assertTrue(fd.at("/help/text").asText().contains(ReportFixtures.FRONT_DOOR.remediation()));

    assertEquals("warning", rules.get(1).at("/defaultConfiguration/level").asText());
    assertEquals("5.5", rules.get(1).at("/properties/security-severity").asText());
    assertEquals("note", rules.get(3).at("/defaultConfiguration/level").asText());
    assertEquals("1.0", rules.get(3).at("/properties/security-severity").asText());
  }

  @Test
  void securitySeverityFollowsGitHubBands() {
    assertEquals("8.0", SarifReporter.securitySeverity(Severity.HIGH));
    assertEquals("5.5", SarifReporter.securitySeverity(Severity.MEDIUM));
    assertEquals("3.0", SarifReporter.securitySeverity(Severity.LOW));
    assertEquals("1.0", SarifReporter.securitySeverity(Severity.INFO));
  }

  @Test
  void resultsMeetGitHubInvariants() throws Exception {
    JsonNode run = run(ReportFixtures.full());
    JsonNode rules = run.at("/tool/driver/rules");
    JsonNode results = run.get("results");
    assertEquals(3, results.size());
    assertTrue(run.at("/originalUriBaseIds").has("%SRCROOT%"));
    for (JsonNode r : results) {
      int index = r.get("ruleIndex").asInt();
      assertEquals(r.get("ruleId").asText(), rules.get(index).get("id").asText(), "ruleIndex points at its rule");
      assertFalse(r.at("/message/text").asText().isBlank());
      assertFalse(r.at("/partialFingerprints/exfilguard~1v1").asText().isBlank());
      JsonNode physical = r.at("/locations/0/physicalLocation");
      assertRelative(physical);
      assertTrue(physical.at("/region/startLine").asInt() >= 1);
      assertTrue(physical.at("/region/startColumn").asInt() >= 1);
      for (JsonNode rel : r.path("relatedLocations")) assertRelative(rel.get("physicalLocation"));
    }
  }

  @Test
  void resultCarriesLocationResourceAndRelated() throws Exception {
    JsonNode r = run(ReportFixtures.full()).get("results").get(2);
    assertEquals("AMLX-01", r.get("ruleId").asText());
    assertEquals(0, r.get("ruleIndex").asInt());
    assertEquals("error", r.get("level").asText());
    assertEquals(ReportFixtures.F_FRONT_DOOR.message(), r.at("/message/text").asText());
    assertEquals("infra/network.tf", r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals("%SRCROOT%", r.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
    assertEquals(14, r.at("/locations/0/physicalLocation/region/startLine").asInt());
    assertEquals(5, r.at("/locations/0/physicalLocation/region/startColumn").asInt());
    assertEquals(
        "azurerm_network_security_rule.allow_fd",
        r.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText());
    assertEquals("resource", r.at("/locations/0/logicalLocations/0/kind").asText());
    assertEquals(ReportFixtures.F_FRONT_DOOR.fingerprint(), r.at("/partialFingerprints/exfilguard~1v1").asText());

    JsonNode related = r.get("relatedLocations");
    assertEquals(2, related.size());
    assertEquals(1, related.get(0).get("id").asInt());
    assertEquals(2, related.get(1).get("id").asInt());
    assertEquals("network security group of subnet 'ml'", related.get(0).at("/message/text").asText());
    assertEquals("infra/variables.tf", related.get(1).at("/physicalLocation/artifactLocation/uri").asText());
    assertEquals(7, related.get(1).at("/physicalLocation/region/startLine").asInt());

    assertTrue(run(ReportFixtures.full()).get("results").get(1).path("relatedLocations").isMissingNode());
  }

  @Test
  void urisArePercentEncodedRelativeReferences() throws Exception {
    JsonNode r = run(ReportFixtures.full()).get("results").get(0);
    assertEquals("arm/ml%20workspace.json", r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals("infra/a%23b%3Fc%25d.tf", ArtifactUri.of("infra/a#b?c%d.tf"));
    assertEquals("infra/main.tf", ArtifactUri.of("./infra\\main.tf"));
    // a colon in the first segment would otherwise read as a URI scheme
    assertEquals("env%3Aprod/x.tf", ArtifactUri.of("env:prod/x.tf"));
    assertEquals("%C3%A9t%C3%A9.tf", ArtifactUri.of("été.tf"));
    assertEquals("../other/x.tf", ArtifactUri.of("../other/x.tf"));
    assertThrows(IllegalArgumentException.class, () -> ArtifactUri.of("/home/ci/repo/main.tf"));
    assertThrows(IllegalArgumentException.class, () -> ArtifactUri.of("C:\\repo\\main.tf"));
  }

  @Test
  void diagnosticsAreToolNotificationsAndErrorsFailTheExecution() throws Exception {
    JsonNode inv = run(ReportFixtures.full()).at("/invocations/0");
    assertFalse(inv.get("executionSuccessful").asBoolean());
    JsonNode notes = inv.get("toolExecutionNotifications");
    assertEquals(2, notes.size());
    assertEquals("error", notes.get(0).get("level").asText());
    assertEquals(ReportFixtures.D_PARSE.message(), notes.get(0).at("/message/text").asText());
    assertEquals("infra/broken.tf", notes.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(3, notes.get(0).at("/locations/0/physicalLocation/region/startLine").asInt());
    assertEquals("note", notes.get(1).get("level").asText());

    ScanReport notesOnly =
        new ScanReport(List.of(), List.of(ReportFixtures.D_NOTE), List.of(), List.of("infra/ml.tf"), "0.1.0");
    JsonNode ok = run(notesOnly).at("/invocations/0");
    assertTrue(ok.get("executionSuccessful").asBoolean());
    assertEquals(1, ok.get("toolExecutionNotifications").size());
    assertEquals("", SarifSchema.violations(sarif(notesOnly)));

    JsonNode clean = run(ReportFixtures.clean(1)).at("/invocations/0");
    assertTrue(clean.get("executionSuccessful").asBoolean());
    assertTrue(clean.path("toolExecutionNotifications").isMissingNode());
  }

  @Test
  void findingOfAnUnlistedRuleStillGetsADescriptor() throws Exception {
    Finding stray =
        new Finding("AMLX-99", Severity.LOW, "m", Location.of("a.tf", 2, 3), "azurerm_x.y", "", List.of());
    ScanReport r = new ScanReport(List.of(stray), List.of(), List.of(ReportFixtures.FRONT_DOOR), List.of("a.tf"), "0.1.0");
    JsonNode run = run(r);
    JsonNode rules = run.at("/tool/driver/rules");
    assertEquals(2, rules.size());
    int index = run.at("/results/0/ruleIndex").asInt();
    assertEquals("AMLX-99", rules.get(index).get("id").asText());
    assertEquals("", SarifSchema.violations(sarif(r)));
  }

  @Test
  void duplicateRulesAreListedOnce() throws Exception {
    ScanReport r =
        new ScanReport(
            List.of(ReportFixtures.F_FRONT_DOOR), List.of(),
            List.of(ReportFixtures.FRONT_DOOR, ReportFixtures.FRONT_DOOR), List.of("infra/network.tf"), "0.1.0");
    assertEquals(1, run(r).at("/tool/driver/rules").size());
  }

  @Test
  void unknownPositionLeavesRegionOutInsteadOfBreakingTheSchema() throws Exception {
    Finding noLine =
        new Finding("AMLX-01", Severity.HIGH, "m", Location.of("a.tf", 0, 0), "azurerm_x.y", "", List.of());
    ScanReport r = new ScanReport(List.of(noLine), List.of(), List.of(ReportFixtures.FRONT_DOOR), List.of("a.tf"), "0.1.0");
    JsonNode physical = run(r).at("/results/0/locations/0/physicalLocation");
    assertTrue(physical.path("region").isMissingNode());
    assertEquals("", SarifSchema.violations(sarif(r)));
  }

  @Test
  void sameInputInAnyOrderGivesTheSameBytes() {
    String first = Render.of(new SarifReporter(), ReportFixtures.full());
    assertEquals(first, Render.of(new SarifReporter(), ReportFixtures.full()));
    assertFalse(first.contains("\r"));
    assertTrue(first.endsWith("}\n"));
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(first, Render.of(new SarifReporter(), ReportFixtures.fullShuffled(seed)));
    }
  }

  private static void assertRelative(JsonNode physical) {
    String uri = physical.at("/artifactLocation/uri").asText();
    assertFalse(uri.isEmpty());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
    URI parsed = URI.create(uri);
    assertFalse(parsed.isAbsolute(), uri);
    assertFalse(uri.startsWith("/"), uri);
    assertFalse(uri.contains("\\"), uri);
    assertFalse(uri.contains(" "), uri);
  }
}
