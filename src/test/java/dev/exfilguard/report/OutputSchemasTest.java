package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exfilguard.engine.Baseline;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.testing.ContractSchemas;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The reporters' documents against the schemas kept in {@code schemas/}. */
class OutputSchemasTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void jsonReportMatchesItsSchemaAndTheSchemaRejectsWhatItDoesNotDescribe() throws Exception {
    JsonNode full = MAPPER.readTree(Render.of(new JsonReporter(), ReportFixtures.full()));
    assertEquals("", ContractSchemas.jsonViolations(full, "report-v2.schema.json"));
    assertEquals("", ContractSchemas.jsonViolations(MAPPER.readTree(Render.of(new JsonReporter(), ReportFixtures.clean(2))),
        "report-v2.schema.json"));

    ObjectNode extra = full.deepCopy();
    ((ObjectNode) extra.get("findings").get(0)).put("lineNumber", 3);
    assertFalse(ContractSchemas.jsonViolations(extra, "report-v2.schema.json").isEmpty(), "an undocumented field is caught");
    ObjectNode badSeverity = full.deepCopy();
    ((ObjectNode) badSeverity.get("findings").get(0)).put("severity", "critical");
    assertFalse(ContractSchemas.jsonViolations(badSeverity, "report-v2.schema.json").isEmpty());
  }

  @Test
  void baselineMatchesItsSchema() throws Exception {
    ScanReport r = ReportFixtures.full();
    StringWriter w = new StringWriter();
    Baseline.write(r.findings(), w);
    JsonNode doc = MAPPER.readTree(w.toString());
    assertEquals(Baseline.SCHEMA, doc.get("$schema").asText());
    assertEquals("", ContractSchemas.jsonViolations(doc, "baseline-v1.schema.json"));
    ((ObjectNode) doc.get("findings").get(0)).put("fingerprint", "line 12");
    assertFalse(ContractSchemas.jsonViolations(doc, "baseline-v1.schema.json").isEmpty());
  }

  @Test
  void junitMatchesTheJenkinsXunitSchemaWithOneErroringCaseForAnUnreadableFile() throws Exception {
    byte[] xml = Render.of(new JunitReporter(), ReportFixtures.full()).getBytes(StandardCharsets.UTF_8);
    assertEquals("", ContractSchemas.junitViolations(xml), new String(xml, StandardCharsets.UTF_8));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    assertFalse(doc.getDocumentElement().hasAttribute("skipped"), "the schema has no skipped on testsuites");
    NodeList suites = doc.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      if (!suite.getAttribute("name").equals(ReportFixtures.D_PARSE.location().file())) continue;
      NodeList cases = suite.getElementsByTagName("testcase");
      assertEquals(1, cases.getLength(), "the unreadable file is one case");
      assertEquals("read", ((Element) cases.item(0)).getAttribute("name"));
      assertEquals(1, ((Element) cases.item(0)).getElementsByTagName("error").getLength());
      assertEquals(List.of("1", "0", "1"), List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors")));
      return;
    }
    throw new AssertionError("no suite for the unreadable file");
  }

  @Test
  void theJunitSchemaRejectsSkippedOnTestsuites() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n</testsuites>\n";
    assertTrue(ContractSchemas.junitViolations(xml.getBytes(StandardCharsets.UTF_8)).contains("skipped"));
  }
}
