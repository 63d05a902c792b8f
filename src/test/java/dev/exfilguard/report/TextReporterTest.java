package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {

  private static final String ESC = "\u001b";

  private static String plain(ScanReport r) {
    return Render.of(new TextReporter(false, ReportFixtures::sourceOf), r);
  }

  @Test
  void fullReportReadsLikeACompiler() {
    String expected =
        "arm/ml workspace.json:40:4  MEDIUM  AMLX-22  Service endpoint policy 'sep' has no"
            + " /services/Azure/MachineLearning definition [Microsoft.Network/serviceEndpointPolicies/sep]\n"
            + " 40 | \t\t\t\"serviceEndpointPolicyDefinitions\": [\n"
            + "    | \t\t\t^\n"
            + "  help: exfilguard rules explain AMLX-22\n"
            + "\n"
            + "infra/ml.tf:8:1  MEDIUM  AMLX-07  Compute cluster 'gpu' has node public IPs enabled (the default)"
            + " [azurerm_machine_learning_compute_cluster.gpu]\n"
            + " 8 | resource \"azurerm_machine_learning_compute_cluster\" \"gpu\" {\n"
            + "   | ^\n"
            + "  help: exfilguard rules explain AMLX-07\n"
            + "\n"
            + "infra/network.tf:14:5  HIGH    AMLX-01  Outbound rule 'allow-fd' allows AzureFrontDoor.Frontend on 443"
            + " [azurerm_network_security_rule.allow_fd]\n"
            + " 14 |     destination_address_prefix = \"AzureFrontDoor.Frontend\"\n"
            + "    |     ^\n"
            + "  -> infra/network.tf:3  network security group of subnet 'ml'\n"
            + "  -> infra/variables.tf:7  value set by variable 'egress_tag'\n"
            + "  help: exfilguard rules explain AMLX-01\n"
            + "\n"
            + "infra/broken.tf:3:7: error: expected '=' after attribute name, found '}'\n"
            + "infra/ml.tf:1:1: note: var.subnet_id has no value; AMLX-22 not evaluated for it\n"
            + "\n"
            + "3 findings (1 high, 2 medium) in 4 files; 1 file could not be read.\n";
    assertEquals(expected, plain(ReportFixtures.full()));
  }

  @Test
  void compactIsOneLinePerFindingThenTheSummary() {
    String out = Render.of(new TextReporter(false, ReportFixtures::sourceOf, null, new TextReporter.Options(true, false)),
        ReportFixtures.full());
    List<String> lines = out.lines().toList();
    assertEquals(List.of(
        "arm/ml workspace.json:40:4  MEDIUM  AMLX-22  Service endpoint policy 'sep' has no /services/Azure/MachineLearning"
            + " definition [Microsoft.Network/serviceEndpointPolicies/sep]",
        "infra/ml.tf:8:1  MEDIUM  AMLX-07  Compute cluster 'gpu' has node public IPs enabled (the default)"
            + " [azurerm_machine_learning_compute_cluster.gpu]",
        "infra/network.tf:14:5  HIGH    AMLX-01  Outbound rule 'allow-fd' allows AzureFrontDoor.Frontend on 443"
            + " [azurerm_network_security_rule.allow_fd]",
        "infra/broken.tf:3:7: error: expected '=' after attribute name, found '}'",
        "infra/ml.tf:1:1: note: var.subnet_id has no value; AMLX-22 not evaluated for it",
        "",
        "3 findings (1 high, 2 medium) in 4 files; 1 file could not be read."), lines);
  }

  @Test
  void quietLeavesOutTheSummaryAndNotesButNotErrors() {
    String out = Render.of(new TextReporter(false, ReportFixtures::sourceOf, null, new TextReporter.Options(true, true)),
        ReportFixtures.full());
    List<String> lines = out.lines().toList();
    assertEquals(4, lines.size(), out);
    assertEquals("infra/broken.tf:3:7: error: expected '=' after attribute name, found '}'", lines.get(3));
    assertFalse(out.contains("note:") || out.contains("findings ("), out);
  }

  @Test
  void caretSitsUnderTheColumn() {
    String out = plain(ReportFixtures.full());
    List<String> lines = out.lines().toList();
    int src = lines.indexOf(" 14 |     destination_address_prefix = \"AzureFrontDoor.Frontend\"");
    assertTrue(src >= 0, out);
    String caretLine = lines.get(src + 1);
    // column 5 of the source line is 'd'; the gutter " 14 | " is 6 wide
    assertEquals(6 + 4, caretLine.indexOf('^'));
    assertEquals('d', lines.get(src).charAt(caretLine.indexOf('^')));
  }

  @Test
  void noAnsiWithoutColour() {
    assertFalse(plain(ReportFixtures.full()).contains(ESC));
    assertFalse(plain(ReportFixtures.clean(2)).contains(ESC));
  }

  @Test
  void colourAddsOnlyAnsiSequences() {
    String coloured = Render.of(new TextReporter(true, ReportFixtures::sourceOf), ReportFixtures.full());
    assertTrue(coloured.contains(ESC + "[1;31mHIGH" + ESC + "[0m"), coloured);
    assertTrue(coloured.contains(ESC + "[1;33mMEDIUM" + ESC + "[0m"), coloured);
    assertTrue(coloured.contains(ESC + "[1;31merror:" + ESC + "[0m"), coloured);
    assertEquals(plain(ReportFixtures.full()), coloured.replaceAll(ESC + "\\[[0-9;]*m", ""));
  }

  @Test
  void cleanScanSaysSo() {
    assertEquals("No findings in 3 files.\n", plain(ReportFixtures.clean(3)));
    assertEquals("No findings in 1 file.\n", plain(ReportFixtures.clean(1)));
  }

  @Test
  void cleanScanWithUnreadableFileStillSaysWhatWasNotRead() {
    ScanReport r =
        new ScanReport(
            List.of(),
            List.of(ReportFixtures.D_PARSE, Diagnostic.error(Location.of("b.json", 1, 1), "not JSON")),
            List.of(),
            List.of("a.tf", "b.json", "infra/broken.tf"),
            "0.1.0");
    String out = plain(r);
    assertTrue(out.startsWith("b.json:1:1: error: not JSON\ninfra/broken.tf:3:7: error:"), out);
    assertTrue(out.endsWith("\nNo findings in 1 file; 2 files could not be read.\n"), out);
  }

  @Test
  void unreadableSourceDropsOnlyTheSnippet() {
    String out = Render.of(new TextReporter(false, f -> List.of()), ReportFixtures.full());
    assertTrue(out.contains("infra/network.tf:14:5  HIGH    AMLX-01  "), out);
    assertFalse(out.contains(" | "), out);
    String nullSource = Render.of(new TextReporter(false, f -> null), ReportFixtures.full());
    assertEquals(out, nullSource);
  }

  @Test
  void lineNumberPastEndOfFileDropsTheSnippet() {
    Finding f = finding(Location.of("infra/ml.tf", 99, 1), "m");
    String out = plain(report(f));
    assertFalse(out.contains(" | "), out);
  }

  @Test
  void controlCharactersFromScannedFilesAreNotPrinted() {
    Finding f =
        new Finding(
            "AMLX-01", Severity.HIGH, "rule 'x" + ESC + "[2Jy' allows egress", Location.of("a.tf", 1, 3),
            "azurerm_network_security_rule.x", "", List.of());
    String out = Render.of(new TextReporter(false, p -> List.of("a " + ESC + "]0;pwned\u0007 = 1")), report(f));
    assertFalse(out.contains(ESC), out);
    assertFalse(out.contains("\u0007"), out);
    assertTrue(out.contains("rule 'x\\x1b[2Jy'"), out);
  }

  @Test
  void longLinesAreCutAroundTheColumn() {
    String longLine = "x".repeat(500) + "AzureFrontDoor.Frontend" + "y".repeat(500);
    Finding f = finding(Location.of("a.json", 1, 501), "m");
    String out = Render.of(new TextReporter(false, p -> List.of(longLine)), report(f));
    List<String> lines = out.lines().toList();
    String code = lines.get(1);
    String caret = lines.get(2);
    assertTrue(code.length() < 200, code);
    assertTrue(code.startsWith(" 1 | ...x") && code.endsWith("y..."), code);
    assertEquals('A', code.charAt(caret.indexOf('^')));
  }

  @Test
  void findingWithoutResourceAddressHasNoBrackets() {
    Finding f =
        new Finding("AMLX-07", Severity.LOW, "msg", Location.of("a.tf", 1, 1), "", "", List.of());
    assertTrue(plain(report(f)).startsWith("a.tf:1:1  LOW     AMLX-07  msg\n"));
  }

  @Test
  void summaryCountsEverySeverityMostSevereFirst() {
    ScanReport r =
        report(
            finding(Location.of("a.tf", 1, 1), "a", Severity.INFO),
            finding(Location.of("a.tf", 2, 1), "b", Severity.HIGH),
            finding(Location.of("b.tf", 1, 1), "c", Severity.LOW),
            finding(Location.of("b.tf", 2, 1), "d", Severity.HIGH));
    assertTrue(plain(r).endsWith("\n4 findings (2 high, 1 low, 1 info) in 1 file.\n"), plain(r));
  }

  @Test
  void sameInputInAnyOrderGivesTheSameBytes() {
    String first = plain(ReportFixtures.full());
    assertEquals(first, plain(ReportFixtures.full()));
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(first, plain(ReportFixtures.fullShuffled(seed)));
    }
  }

  private static Finding finding(Location at, String message) {
    return finding(at, message, Severity.MEDIUM);
  }

  private static Finding finding(Location at, String message, Severity s) {
    return new Finding("AMLX-07", s, message, at, "azurerm_x.y", "", List.of());
  }

  private static ScanReport report(Finding... findings) {
    return new ScanReport(List.of(findings), List.of(), List.of(), List.of("a.tf"), "0.1.0");
  }
}
