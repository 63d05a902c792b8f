package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.report.SarifChecks;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit, github and markdown output, and several formats in one run. */
class FormatsCliTest {
  private static final Path REPO = Fixtures.repo();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bundled demo's findings as "file rule", in report order. */
  private static final List<String> DEMO = List.of(
      "testdata/demo/arm/azuredeploy.json AMLX-22",
      "testdata/demo/arm/azuredeploy.json AMLX-12",
      "testdata/demo/arm/azuredeploy.json AMLX-41",
      "testdata/demo/arm/azuredeploy.json AMLX-02",
      "testdata/demo/terraform/main.tf AMLX-22",
      "testdata/demo/terraform/main.tf AMLX-12",
      "testdata/demo/terraform/main.tf AMLX-13",
      "testdata/demo/terraform/main.tf AMLX-02");
  private static final String DEMO_SUMMARY = "8 findings (2 high, 4 medium, 2 low) in 3 files.";

  @TempDir Path tmp;

  @Test
  void severalFormatsAtOnceEachToItsPlace() throws Exception {
    Path sarif = tmp.resolve("out.sarif");
    Path junit = tmp.resolve("out.xml");
    Result r = CliProcess.run(REPO, "scan", "testdata/demo", "--format", "sarif=" + sarif, "--format", "text",
        "--format", "junit=" + junit);
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(DEMO_SUMMARY), r::toString);
    JsonNode log = JSON.readTree(sarif.toFile());
    assertEquals(DEMO.size(), log.at("/runs/0/results").size());
    assertEquals("", SarifChecks.violations(log));
    assertTrue(Files.readString(junit).startsWith("<?xml"));
    assertEquals(CliProcess.run(REPO, "scan", "testdata/demo", "--format", "sarif").stdout(), Files.readString(sarif),
        "the same bytes as on stdout");
  }

  @Test
  void twoFormatsOnStandardOutputIsAUsageError() {
    Result r = CliProcess.run(REPO, "scan", "testdata/demo", "--format", "json", "--format", "text");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("exfilguard: at most one --format can go to standard output"), r::toString);
    assertEquals("", r.stdout());
  }

  @Test
  void junitHasOneCaseForEachRuleAndFileWithFailuresCarryingTheFindings() throws Exception {
    Result r = CliProcess.run(REPO, "scan", "testdata/demo", "--format", "junit");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.stdoutBytes()));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    // 3 files × every catalogue rule (exfilguard's own EXFG notes get a case only where they found something)
    int rules = (int) dev.exfilguard.rules.RuleLoader.builtIn().stream().filter(x -> x.meta().id().startsWith("AMLX-")).count();
    assertEquals(String.valueOf(3 * rules), root.getAttribute("tests"), r::toString);
    assertEquals(String.valueOf(DEMO.size()), root.getAttribute("failures"), DEMO.size() + " findings, each its own rule and file: " + r);
    NodeList cases = doc.getElementsByTagName("testcase");
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      NodeList f = c.getElementsByTagName("failure");
      if (f.getLength() > 0) failed.add(c.getAttribute("classname") + " " + c.getAttribute("name").split(" ")[0]);
    }
    // cases are ordered by file, then rule ID
    assertEquals(DEMO.stream().sorted().toList(), failed);
    assertTrue(r.stdout().contains("testdata/demo/terraform/main.tf:84:33  HIGH  AMLX-22  Subnet snet-compute hosts compute ci-demo-dev; its NSG nsg-demo-tf-compute"), r::toString);
  }

  @Test
  void junitMarksUnreadableFilesAsErrorsAndSuppressedCasesAsSkipped() throws Exception {
    Files.writeString(tmp.resolve("broken.tf"), "resource \"a\" \"b\" {\n");
    Result r = CliProcess.run(tmp, "scan", "--format", "junit");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("<testcase classname=\"broken.tf\" name=\"read\">"), r::toString);
    assertTrue(r.stdout().contains("errors=\"1\""), r::toString);

    Path tf = tmp.resolve("main.tf");
    Files.delete(tmp.resolve("broken.tf"));
    Files.writeString(tf, "# exfilguard:ignore AMLX-02 dev box <for now> & \"later\"\n"
        + "resource \"azurerm_machine_learning_compute_instance\" \"dev\" {\n  name = \"ci\"\n  machine_learning_workspace_id = \"x\"\n  virtual_machine_size = \"STANDARD_DS2_V2\"\n"
        // in a subnet, so that AMLX-01 (compute not network-isolated) has nothing to say
        + "  subnet_resource_id = \"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet\"\n}\n");
    Result s = CliProcess.run(tmp, "scan", "--format", "junit");
    assertEquals(Main.OK, s.exitCode(), s::toString);
    assertTrue(s.stdout().contains("<skipped message=\"suppressed: dev box &lt;for now&gt; &amp; &quot;later&quot;\"/>"), s::toString);
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(s.stdoutBytes()));
  }

  @Test
  void githubWorkflowCommandsBySeverity() {
    Result r = CliProcess.run(REPO, "scan", "testdata/demo", "--format", "github");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    List<String> lines = r.stdout().lines().toList();
    assertEquals(DEMO.size() + 1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("::error file=testdata/demo/arm/azuredeploy.json,line=63,col=43,title=AMLX-22::Subnet snet-compute hosts compute gpu-cluster; its NSG nsg-demo-compute"), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=testdata/demo/terraform/main.tf,line=92,col=1,title=AMLX-12::")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::notice file=testdata/demo/terraform/main.tf,line=109,col=1,title=AMLX-02::")), r::toString);
    assertEquals(DEMO_SUMMARY, lines.get(DEMO.size()));
  }

  @Test
  void githubEscapesWhatWouldBreakACommand() {
    assertEquals("a%25b%0Ac", dev.exfilguard.report.FormatEscapes.githubData("a%b\nc"));
    assertEquals("x%3Ay%2Cz", dev.exfilguard.report.FormatEscapes.githubProperty("x:y,z"));
  }

  @Test
  void markdownHasASummaryAndATablePerSeverity() {
    Result r = CliProcess.run(REPO, "scan", "testdata/demo", "--format", "markdown");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    String md = r.stdout();
    assertTrue(md.startsWith("## exfilguard\n\n" + DEMO_SUMMARY.replace("(", "\\(").replace(")", "\\)") + "\n"), md);
    int high = md.indexOf("### High (2)");
    int medium = md.indexOf("### Medium (4)");
    int low = md.indexOf("### Low (2)");
    assertTrue(high > 0 && medium > high && low > medium, md);
    assertTrue(md.contains("| Rule | Location | Resource | Finding |\n|---|---|---|---|\n| AMLX-22 | testdata/demo/arm/azuredeploy.json:63 |"), md);
    assertEquals(DEMO.size(), md.lines().filter(l -> l.startsWith("| AMLX-")).count(), md);
  }

  @Test
  void markdownEscapesTextFromTheScannedFiles() {
    assertEquals("\\[x\\]\\(http://evil\\) &lt;img&gt; \\@team a\\|b", dev.exfilguard.report.FormatEscapes.markdown("[x](http://evil) <img> @team a|b"));
  }

  @Test
  void cleanScanInEveryFormatExitsZero() {
    for (String f : List.of("junit", "github", "markdown")) {
      Result r = CliProcess.run(REPO, "scan", "testdata/rules/compute-public-ip/terraform/good.tf", "--format", f);
      assertEquals(Main.OK, r.exitCode(), f + ": " + r);
      assertTrue(r.stdout().contains(f.equals("junit") ? "failures=\"0\"" : "No findings in 2 files."), f + ": " + r);
    }
  }
}
