package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions end to end, on a copy of the demo: inline HCL comments, ARM resource metadata,
 * config file entries, expiry, reasons, governance flags, and how reports show them.
 */
class SuppressionCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path tf;
  Path arm;

  @BeforeEach
  void copyDemo() throws IOException {
    copyTree(Fixtures.repo().resolve("testdata/demo"), tmp);
    tf = tmp.resolve("terraform/main.tf");
    arm = tmp.resolve("arm/azuredeploy.json");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  private void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(s.contains(from), "fixture lacks: " + from);
    Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
  }

  /** The 1-based line of the first line of {@code file} that starts with {@code text}. */
  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(text)) return i + 1;
    throw new AssertionError("fixture lacks: " + text);
  }

  private static List<String> ruleIds(Result r) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) ids.add(f.get("ruleId").asText() + "@" + f.get("file").asText() + ":" + f.get("line").asInt());
    return ids;
  }

  private static final String STUDIO = "resource \"azurerm_network_security_rule\" \"studio\" {";
  private static final String SEP = "resource \"azurerm_subnet_service_endpoint_storage_policy\" \"compute\" {";

  @Test
  void commentAboveTheResourceSuppressesItsFindingAndTheSummaryCountsIt() throws IOException {
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 Studio needs Front Door; tracked in NET-12\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertFalse(r.stdout().contains("AMLX-22"), r::toString);
    assertTrue(r.stdout().contains("3 findings (2 medium, 1 low) in 2 files; 1 suppressed."), r::toString);
  }

  @Test
  void commentAboveTheAttributeSuppressesTheFindingThatPointsThere() throws IOException {
    edit(tf, "  destination_address_prefix  = \"AzureFrontDoor.Frontend\"",
        "  // exfilguard:ignore AMLX-22 -- accepted for the studio\n  destination_address_prefix  = \"AzureFrontDoor.Frontend\"");
    Result r = CliProcess.run(tmp, "scan", "terraform", "--format", "json");
    assertFalse(ruleIds(r).stream().anyMatch(s -> s.startsWith("AMLX-22")), r::toString);
    JsonNode sup = JSON.readTree(r.stdout()).get("suppressed");
    assertEquals(1, sup.size(), r::toString);
    assertEquals("accepted for the studio", sup.get(0).get("suppression").get("reason").asText());
    assertEquals("inline", sup.get(0).get("suppression").get("kind").asText());
  }

  @Test
  void oneCommentNamesSeveralRulesAndTheOthersStay() throws IOException {
    edit(tf, SEP, "# exfilguard:ignore AMLX-12, AMLX-02 legacy policy, replaced in Q3\n" + SEP);
    List<String> ids = ruleIds(CliProcess.run(tmp, "scan", "terraform", "--format", "json"));
    assertFalse(ids.stream().anyMatch(s -> s.startsWith("AMLX-12")), ids::toString);
    // AMLX-13 points into the policy's body, not at the line below the comment
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-13")), ids::toString);
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-02")), "AMLX-02 is about another resource: " + ids);
  }

  @Test
  void suppressionWithoutAReasonDoesNotApplyAndIsItselfAFinding() throws IOException {
    int comment = lineOf(tf, STUDIO);
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform", "--format", "json");
    List<String> ids = ruleIds(r);
    assertTrue(ids.contains("EXFG-01@terraform/main.tf:" + comment), ids::toString);
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-22")), ids::toString);
    assertTrue(r.stdout().contains("gives no reason"), r::toString);
  }

  @Test
  void unreadableExpiryIsAFindingToo() throws IOException {
    int comment = lineOf(tf, STUDIO);
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 exp:31/12/2030 accepted\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform", "--format", "json");
    assertTrue(ruleIds(r).contains("EXFG-01@terraform/main.tf:" + comment), r::toString);
    assertTrue(r.stdout().contains("unreadable expiry"), r::toString);
  }

  @Test
  void expiredSuppressionStopsApplyingAndANoteSaysSo() throws IOException {
    int comment = lineOf(tf, STUDIO);
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 exp:2001-01-31 accepted until the migration\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform");
    assertTrue(r.stdout().contains("AMLX-22"), r::toString);
    assertTrue(r.stderr().contains("terraform/main.tf:" + comment + ":1: note: suppression of AMLX-22 expired on 2001-01-31; it no longer applies"),
        r::toString);
  }

  @Test
  void suppressionThatHasNotExpiredApplies() throws IOException {
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 exp:2999-12-31 accepted until the migration\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform");
    assertFalse(r.stdout().contains("AMLX-22"), r::toString);
    assertEquals("", r.stderr(), r::toString);
  }

  @Test
  void noInlineSuppressionsIgnoresCommentsAndMetadata() throws IOException {
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 accepted\n" + STUDIO);
    Result r = CliProcess.run(tmp, "scan", "terraform", "--no-inline-suppressions");
    assertTrue(r.stdout().contains("AMLX-22"), r::toString);
    assertFalse(r.stdout().contains("suppressed"), r::toString);
  }

  @Test
  void unusedSuppressionsAreReportedOnlyWhenAskedFor() throws IOException {
    edit(tf, "resource \"azurerm_virtual_network\" \"ml\" {", "# exfilguard:ignore AMLX-22 nothing here\nresource \"azurerm_virtual_network\" \"ml\" {");
    Result quiet = CliProcess.run(tmp, "scan", "terraform", "--format", "json");
    assertFalse(ruleIds(quiet).stream().anyMatch(s -> s.startsWith("EXFG-02")), quiet::toString);
    Result asked = CliProcess.run(tmp, "scan", "terraform", "--format", "json", "--report-unused-suppressions");
    assertTrue(ruleIds(asked).contains("EXFG-02@terraform/main.tf:3"), asked::toString);
  }

  @Test
  void armMetadataSuppressesFindingsOfThatResource() throws IOException {
    edit(arm, "\"type\": \"Microsoft.Network/networkSecurityGroups\",",
        "\"type\": \"Microsoft.Network/networkSecurityGroups\",\n      \"metadata\": {\"exfilguard\": {\"ignore\": ["
            + "{\"id\": \"AMLX-22\", \"reason\": \"Studio access, approved in SEC-7\", \"expires\": \"2999-01-01\"}]}},");
    Result r = CliProcess.run(tmp, "scan", "arm", "--format", "sarif");
    JsonNode results = JSON.readTree(r.stdout()).at("/runs/0/results");
    int suppressed = 0;
    for (JsonNode res : results) {
      if (res.get("ruleId").asText().equals("AMLX-22")) {
        assertEquals("inSource", res.at("/suppressions/0/kind").asText(), res::toString);
        assertEquals("accepted", res.at("/suppressions/0/status").asText());
        assertEquals("Studio access, approved in SEC-7 (until 2999-01-01)", res.at("/suppressions/0/justification").asText());
        suppressed++;
      } else {
        assertTrue(res.path("suppressions").isMissingNode(), res::toString);
      }
    }
    assertEquals(1, suppressed, r::toString);
    assertEquals(Main.FINDINGS, r.exitCode(), "the other findings remain: " + r);
  }

  @Test
  void armMetadataWithoutAReasonIsAFinding() throws IOException {
    edit(arm, "\"type\": \"Microsoft.Network/networkSecurityGroups\",",
        "\"type\": \"Microsoft.Network/networkSecurityGroups\",\n      \"metadata\": {\"exfilguard\": {\"ignore\": [{\"id\": \"AMLX-22\"}]}},");
    List<String> ids = ruleIds(CliProcess.run(tmp, "scan", "arm", "--format", "json"));
    assertTrue(ids.contains("EXFG-01@arm/azuredeploy.json:26"), ids::toString);
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-22")), ids::toString);
  }

  @Test
  void configSuppressionsMatchRulePathAndResourceGlobs() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        suppressions:
          - rule: AMLX-22
            path: "terraform/**"
            resource: "azurerm_network_security_rule.stu*"
            reason: "Studio access, approved in SEC-7"
          - rule: [AMLX-12, AMLX-13]
            path: "arm"
            reason: "ARM demo is legacy"
        """);
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    List<String> ids = ruleIds(r);
    assertFalse(ids.stream().anyMatch(s -> s.startsWith("AMLX-22@terraform")), ids::toString);
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-22@arm")), "path glob limits it: " + ids);
    assertFalse(ids.stream().anyMatch(s -> s.startsWith("AMLX-12@arm")), ids::toString);
    assertTrue(ids.stream().anyMatch(s -> s.startsWith("AMLX-12@terraform")), ids::toString);
    JsonNode sup = JSON.readTree(r.stdout()).get("suppressed");
    assertEquals(2, sup.size(), r::toString);
    assertEquals("config", sup.get(0).get("suppression").get("kind").asText());
    assertEquals(".exfilguard.yaml", sup.get(0).get("suppression").get("file").asText());
  }

  @Test
  void configSuppressionsApplyEvenWithNoInlineSuppressions() throws IOException {
    List<String> before = ruleIds(CliProcess.run(tmp, "scan", "--no-inline-suppressions", "--format", "json"));
    long armFindings = before.stream().filter(s -> s.contains("@arm/")).count();
    assertTrue(armFindings > 0, before::toString);
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "suppressions:\n  - rule: \"*\"\n    path: arm\n    reason: legacy\n");
    Result r = CliProcess.run(tmp, "scan", "--no-inline-suppressions");
    List<String> after = ruleIds(CliProcess.run(tmp, "scan", "--no-inline-suppressions", "--format", "json"));
    assertEquals(before.stream().filter(s -> !s.contains("@arm/")).toList(), after, r::toString);
    assertTrue(r.stdout().contains(" in 3 files; " + armFindings + " suppressed."), r::toString);
  }

  @Test
  void suppressedResultsInSarifAreSchemaValidWithJustifications() throws IOException {
    edit(tf, STUDIO, "# exfilguard:ignore AMLX-22 Studio needs Front Door\n" + STUDIO);
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "suppressions:\n  - rule: AMLX-02\n    reason: dev only\n");
    Result r = CliProcess.run(tmp, "scan", "--format", "sarif", "--report-unused-suppressions");
    JsonNode sarif = JSON.readTree(r.stdout());
    assertEquals("", dev.exfilguard.report.SarifChecks.violations(sarif), r::toString);
    List<String> kinds = new ArrayList<>();
    for (JsonNode res : sarif.at("/runs/0/results")) {
      if (res.has("suppressions")) kinds.add(res.get("ruleId").asText() + ":" + res.at("/suppressions/0/kind").asText());
    }
    assertEquals(List.of("AMLX-02:external", "AMLX-22:inSource", "AMLX-02:external"), kinds, r::toString);
  }
}
