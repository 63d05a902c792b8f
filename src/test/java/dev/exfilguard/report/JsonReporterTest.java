package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String json() {
    return Render.of(new JsonReporter(), ReportFixtures.full());
  }

  @Test
  void roundTripsThroughJackson() throws Exception {
    JsonReporter.Document read = MAPPER.readValue(json(), JsonReporter.Document.class);
    assertEquals(JsonReporter.document(ReportFixtures.full()), read);
  }

  @Test
  void findingFieldsAreTheContract() throws Exception {
    JsonNode root = MAPPER.readTree(json());
    assertEquals(List.of("$schema", "version", "toolVersion", "findings", "suppressed", "diagnostics", "summary"), names(root));
    assertEquals(2, root.get("version").asInt());
    assertEquals("https://raw.githubusercontent.com/exfilguard/exfilguard/main/schemas/report-v2.schema.json",
        root.get("$schema").asText());

    JsonNode fd = root.get("findings").get(2);
    assertEquals(
        List.of("ruleId", "severity", "message", "file", "line", "column", "resource", "attributePath",
            "fingerprint", "related"),
        names(fd));
    assertEquals("AMLX-01", fd.get("ruleId").asText());
    assertEquals("high", fd.get("severity").asText());
    assertEquals("infra/network.tf", fd.get("file").asText());
    assertEquals(14, fd.get("line").asInt());
    assertEquals(5, fd.get("column").asInt());
    assertEquals("azurerm_network_security_rule.allow_fd", fd.get("resource").asText());
    assertEquals("properties.destinationAddressPrefix", fd.get("attributePath").asText());
    assertEquals(ReportFixtures.F_FRONT_DOOR.fingerprint(), fd.get("fingerprint").asText());
    assertEquals(2, fd.get("related").size());
    assertEquals("infra/variables.tf", fd.get("related").get(1).get("file").asText());
    assertEquals(13, fd.get("related").get(1).get("column").asInt());

    JsonNode diag = root.get("diagnostics").get(0);
    assertEquals("error", diag.get("kind").asText());
    assertEquals("infra/broken.tf", diag.get("file").asText());
    assertEquals("note", root.get("diagnostics").get(1).get("kind").asText());
  }

  @Test
  void summaryCountsEverything() throws Exception {
    JsonNode s = MAPPER.readTree(json()).get("summary");
    assertEquals(3, s.get("findings").asInt());
    assertEquals(List.of("high", "medium", "low", "info"), names(s.get("bySeverity")));
    assertEquals(1, s.get("bySeverity").get("high").asInt());
    assertEquals(2, s.get("bySeverity").get("medium").asInt());
    assertEquals(0, s.get("bySeverity").get("info").asInt());
    assertEquals(4, s.get("filesScanned").asInt());
    assertEquals(1, s.get("filesUnreadable").asInt());
    assertEquals(1, s.get("errors").asInt());
    assertEquals(1, s.get("notes").asInt());
    assertEquals(0, s.get("suppressed").asInt());
    assertEquals(0, s.get("known").asInt());
  }

  @Test
  void cleanScanHasEmptyArraysNotMissingOnes() throws Exception {
    JsonNode root = MAPPER.readTree(Render.of(new JsonReporter(), ReportFixtures.clean(2)));
    assertTrue(root.get("findings").isArray() && root.get("findings").isEmpty());
    assertTrue(root.get("diagnostics").isArray() && root.get("diagnostics").isEmpty());
    assertEquals(2, root.get("summary").get("filesScanned").asInt());
  }

  @Test
  void prettyPrintedWithUnixLineEndsAndAFinalNewline() {
    String out = json();
    assertTrue(out.startsWith("{\n  \"$schema\" : \"" + JsonReporter.SCHEMA + "\",\n  \"version\" : 2,\n"), out);
    assertTrue(out.endsWith("}\n"));
    assertFalse(out.contains("\r"));
  }

  @Test
  void sameInputInAnyOrderGivesTheSameBytes() {
    String first = json();
    assertEquals(first, json());
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(first, Render.of(new JsonReporter(), ReportFixtures.fullShuffled(seed)));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
