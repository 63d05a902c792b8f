package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.report.SarifChecks;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.ContractSchemas;
import dev.exfilguard.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The machine formats as CI systems read them, through the real CLI: SARIF for paths inside and
 * outside the working directory, JUnit against the Jenkins/xunit schema, and the JSON report and
 * baseline against their JSON Schemas in {@code schemas/}.
 */
class OutputContractsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path project;
  Path elsewhere;

  @BeforeEach
  void layout() throws IOException {
    project = tmp.resolve("project with space");
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), Files.createDirectories(project));
  }

  private static List<String> uris(JsonNode sarif) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : sarif.at("/runs/0/results")) {
      JsonNode a = r.at("/locations/0/physicalLocation/artifactLocation");
      out.add(a.get("uri").asText() + (a.has("uriBaseId") ? " " + a.get("uriBaseId").asText() : ""));
    }
    return out;
  }

  @Test
  void sarifOfAnAbsolutePathFromAnotherDirectoryUsesFileUris() throws IOException {
    Result r = CliProcess.run(elsewhere, "scan", project.toString(), "--format", "sarif");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    JsonNode sarif = JSON.readTree(r.stdout());
    assertEquals("", SarifChecks.violations(sarif));
    List<String> uris = uris(sarif);
    assertFalse(uris.isEmpty());
    for (String u : uris) {
      assertTrue(u.startsWith(project.toUri().toASCIIString()), u);
      assertTrue(Files.isRegularFile(Path.of(URI.create(u))), "the URI names the file: " + u);
    }
    // the help URI of every rule stays
    for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
      assertTrue(rule.get("helpUri").asText().startsWith("https://github.com/exfilguard/exfilguard/blob/main/"), rule::toString);
    }
  }

  @Test
  void sarifRootMakesPathsRelativeToTheScanRoot() throws IOException {
    Result r = CliProcess.run(elsewhere, "scan", project.toString(), "--format", "sarif", "--sarif-root", project.toString());
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    JsonNode sarif = JSON.readTree(r.stdout());
    assertEquals("", SarifChecks.violations(sarif));
    for (String u : uris(sarif)) {
      assertTrue(u.endsWith(" %SRCROOT%") && (u.startsWith("arm/") || u.startsWith("terraform/")), u);
      assertTrue(Files.isRegularFile(project.resolve(u.split(" ")[0])), u);
    }

    // inside the working directory, paths are relative to it, as before
    Result inside = CliProcess.run(tmp, "scan", "project with space/terraform", "--format", "sarif");
    for (String u : uris(JSON.readTree(inside.stdout()))) assertTrue(u.startsWith("project%20with%20space/terraform/") && u.endsWith(" %SRCROOT%"), u);
    // a root below the working directory: files under it relative to it, others absolute
    Result mixed = CliProcess.run(tmp, "scan", "project with space", "--format", "sarif", "--sarif-root", "project with space/arm");
    JsonNode m = JSON.readTree(mixed.stdout());
    assertEquals("", SarifChecks.violations(m));
    assertTrue(uris(m).contains("azuredeploy.json %SRCROOT%"), uris(m)::toString);
    assertTrue(uris(m).stream().anyMatch(u -> u.startsWith("file:///") && u.endsWith("/terraform/main.tf")), uris(m)::toString);
  }

  @Test
  void junitValidatesAgainstTheJenkinsXunitSchema() throws Exception {
    Result r = CliProcess.run(project, "scan", "--format", "junit");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals("", ContractSchemas.junitViolations(r.stdoutBytes()), r.stdout());

    // suppressed cases are skipped, counted on their suite only
    Files.writeString(project.resolve(".exfilguard.yaml"), "suppressions:\n  - rule: AMLX-22\n    reason: \"SEC-7\"\n");
    Result s = CliProcess.run(project, "scan", "--format", "junit");
    assertTrue(s.stdout().contains("<skipped message=\"suppressed: SEC-7\"/>"), s::toString);
    assertEquals("", ContractSchemas.junitViolations(s.stdoutBytes()), s.stdout());
  }

  @Test
  void aFileThatCannotBeReadIsOneFailingCaseNotOnePassingCasePerRule() throws Exception {
    Files.writeString(project.resolve("terraform/broken.tf"), "resource \"a\" \"b\" {\n");
    Files.writeString(project.resolve("arm/truncated.json"), "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",");
    Result r = CliProcess.run(project, "scan", "--format", "junit");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", ContractSchemas.junitViolations(r.stdoutBytes()), r.stdout());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.stdoutBytes()));
    int checked = 0;
    NodeList suites = doc.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      Element suite = (Element) suites.item(i);
      if (!suite.getAttribute("name").equals("arm/truncated.json") && !suite.getAttribute("name").equals("terraform/broken.tf")) continue;
      NodeList cases = suite.getElementsByTagName("testcase");
      assertEquals(1, cases.getLength(), suite.getAttribute("name"));
      assertEquals(1, ((Element) cases.item(0)).getElementsByTagName("error").getLength());
      assertEquals("1", suite.getAttribute("tests"));
      assertEquals("1", suite.getAttribute("errors"));
      checked++;
    }
    assertEquals(2, checked, r::toString);
    assertFalse(doc.getDocumentElement().hasAttribute("skipped"));
  }

  @Test
  void jsonReportNamesAndMatchesItsSchema() throws IOException {
    Result r = CliProcess.run(project, "scan", "--format", "json");
    JsonNode doc = JSON.readTree(r.stdout());
    assertEquals("", ContractSchemas.jsonViolations(doc, "report-v2.schema.json"), r::toString);
    assertTrue(doc.get("findings").size() > 0);

    // suppressed findings and notes too
    Files.writeString(project.resolve(".exfilguard.yaml"),
        "suppressions:\n  - rule: AMLX-22\n    reason: \"SEC-7\"\n    expires: 2999-01-01\n");
    Files.writeString(project.resolve("terraform/broken.tf"), "resource \"a\" \"b\" {\n");
    Result s = CliProcess.run(project, "scan", "--format", "json");
    JsonNode withMore = JSON.readTree(s.stdout());
    assertTrue(withMore.get("suppressed").size() > 0 && withMore.get("diagnostics").size() > 0, s::toString);
    assertEquals("", ContractSchemas.jsonViolations(withMore, "report-v2.schema.json"), s::toString);
  }

  @Test
  void baselineNamesAndMatchesItsSchemaAndOlderBaselinesStillRead() throws IOException {
    Path baseline = project.resolve("baseline.json");
    Result w = CliProcess.run(project, "scan", "--write-baseline", baseline.toString());
    assertEquals(Main.OK, w.exitCode(), w::toString);
    JsonNode doc = JSON.readTree(baseline.toFile());
    assertEquals("", ContractSchemas.jsonViolations(doc, "baseline-v1.schema.json"));
    assertEquals(Main.OK, CliProcess.run(project, "scan", "--baseline", baseline.toString()).exitCode());

    // a baseline written before $schema existed (testdata/demo-baseline.json) is still accepted
    Result old = CliProcess.run(Fixtures.repo(), "scan", "testdata/demo", "--baseline", "testdata/demo-baseline.json");
    assertEquals(Main.OK, old.exitCode(), old::toString);
  }
}
