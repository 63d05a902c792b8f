package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end: each test starts the CLI as its own JVM and checks exit code,
 * stdout and stderr against the contracts in DESIGN.md (exit 0/1/2, findings on stdout,
 * diagnostics on stderr, relative forward-slash paths, no stack traces, deterministic output).
 */
class CliTest {
  private static final Path REPO = Fixtures.repo();
  private static final Path DEMO_ARM = REPO.resolve("testdata/demo/arm/azuredeploy.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code testdata/demo/arm/azuredeploy.json:54:43  HIGH    AMLX-22  message [address]}. */
  private static final Pattern FINDING_HEADER =
      Pattern.compile("^(\\S+):(\\d+):(\\d+)  (HIGH|MEDIUM|LOW|INFO) +(AMLX-\\d\\d)  .*$", Pattern.MULTILINE);

  /** The bundled demo's findings as "rule file", in report order (testdata/demo-baseline.json records the same). */
  private static final List<String> DEMO = List.of(
      "AMLX-22 testdata/demo/arm/azuredeploy.json",
      "AMLX-12 testdata/demo/arm/azuredeploy.json",
      "AMLX-41 testdata/demo/arm/azuredeploy.json",
      "AMLX-02 testdata/demo/arm/azuredeploy.json",
      "AMLX-22 testdata/demo/terraform/main.tf",
      "AMLX-12 testdata/demo/terraform/main.tf",
      "AMLX-13 testdata/demo/terraform/main.tf",
      "AMLX-02 testdata/demo/terraform/main.tf");
  private static final Set<String> DEMO_RULES = new TreeSet<>(DEMO.stream().map(d -> d.split(" ")[0]).toList());

  @TempDir Path tmp;

  /** The demo's findings from the JSON format, as "rule file" in report order. */
  private static List<String> demoFindings(JsonNode findings) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : findings) out.add(f.get("ruleId").asText() + " " + f.get("file").asText());
    return out;
  }

  private static Result scanDemo(String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", "testdata/demo"));
    args.addAll(List.of(extra));
    return CliProcess.run(REPO, args.toArray(String[]::new));
  }

  // ---------------------------------------------------------------- the demo, text format

  @Test
  void scanOfTheDemoExitsOneWithFindingsOnStdoutAndNothingOnStderr() {
    Result r = scanDemo();
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals("", r.stderr(), r::toString);
    // the summary counts what the JSON format lists, by severity
    JsonNode findings;
    try {
      findings = JSON.readTree(scanDemo("--format", "json").stdout()).get("findings");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(DEMO, demoFindings(findings));
    Map<String, Integer> bySeverity = new java.util.LinkedHashMap<>();
    for (String sev : List.of("high", "medium", "low", "info")) bySeverity.put(sev, 0);
    for (JsonNode f : findings) bySeverity.merge(f.get("severity").asText(), 1, Integer::sum);
    List<String> parts = new ArrayList<>();
    bySeverity.forEach((sev, n) -> { if (n > 0) parts.add(n + " " + sev); });
    String summary = DEMO.size() + " findings (" + String.join(", ", parts) + ") in 3 files.";
    assertTrue(r.stdout().contains(summary), () -> "expected '" + summary + "'\n" + r);
  }

  @Test
  void scanOfTheDemoReportsEveryRuleAtARelativeForwardSlashFileLineColumn() {
    Result r = scanDemo();
    Set<String> rules = new TreeSet<>();
    Set<String> files = new TreeSet<>();
    Matcher m = FINDING_HEADER.matcher(r.stdout());
    while (m.find()) {
      files.add(m.group(1));
      rules.add(m.group(5));
    }
    assertEquals(DEMO_RULES, rules, r::toString);
    assertEquals(Set.of("testdata/demo/arm/azuredeploy.json", "testdata/demo/terraform/main.tf"), files, r::toString);
  }

  @Test
  void eachDemoFindingShowsItsSourceLineAndACaretUnderTheColumn() throws IOException {
    Result r = scanDemo();
    List<String> out = r.stdout().lines().toList();
    int checked = 0;
    for (int i = 0; i < out.size(); i++) {
      Matcher m = FINDING_HEADER.matcher(out.get(i));
      if (!m.matches()) continue;
      int line = Integer.parseInt(m.group(2));
      int column = Integer.parseInt(m.group(3));
      String source = Files.readAllLines(REPO.resolve(m.group(1)), StandardCharsets.UTF_8).get(line - 1);
      String gutter = " ".repeat(Integer.toString(line).length());
      assertEquals(" " + line + " | " + source, out.get(i + 1), "source line after " + out.get(i));
      assertEquals(" " + gutter + " | " + " ".repeat(column - 1) + "^", out.get(i + 2), "caret after " + out.get(i));
      checked++;
    }
    assertEquals(DEMO.size(), checked, r::toString);
  }

  @Test
  void textOutputHasNoAnsiEscapesWhenStdoutIsNotATerminal() {
    Result r = scanDemo();
    assertFalse(r.stdout().contains("\u001b"), r::toString);
  }

  @Test
  void textOutputHasNoAnsiEscapesWithNoColorSet() {
    Result r = CliProcess.run(REPO, Map.of("NO_COLOR", "1"), "scan", "testdata/demo");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertFalse(r.stdout().contains("\u001b"), r::toString);
  }

  @Test
  void twoScansOfTheDemoWriteTheSameBytes() {
    Result first = scanDemo();
    Result second = scanDemo();
    assertArrayEquals(first.stdoutBytes(), second.stdoutBytes());
  }

  // ---------------------------------------------------------------- formats and --output

  @Test
  void jsonFormatIsParseableAndListsTheDemoFindings() throws IOException {
    Result r = scanDemo("--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    JsonNode findings = JSON.readTree(r.stdout()).get("findings");
    assertEquals(DEMO, demoFindings(findings), r::toString);
    Set<String> rules = new TreeSet<>();
    for (JsonNode f : findings) {
      rules.add(f.get("ruleId").asText());
      assertTrue(f.get("file").asText().startsWith("testdata/demo/"), f::toString);
      assertTrue(f.get("line").asInt() >= 1, f::toString);
    }
    assertEquals(DEMO_RULES, rules);
  }

  @Test
  void sarifFormatHasRelativeUrisResourceAddressesAndFingerprints() throws IOException {
    Result r = scanDemo("--format", "sarif");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    JsonNode sarif = JSON.readTree(r.stdout());
    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode results = sarif.get("runs").get(0).get("results");
    assertEquals(DEMO.size(), results.size());
    Set<String> addresses = new TreeSet<>();
    for (JsonNode res : results) {
      JsonNode loc = res.get("locations").get(0);
      String uri = loc.at("/physicalLocation/artifactLocation/uri").asText();
      assertTrue(uri.equals("testdata/demo/arm/azuredeploy.json") || uri.equals("testdata/demo/terraform/main.tf"), uri);
      assertTrue(loc.at("/physicalLocation/region/startLine").asInt() >= 1, res::toString);
      addresses.add(loc.at("/logicalLocations/0/fullyQualifiedName").asText());
      assertFalse(res.get("partialFingerprints").isEmpty(), res::toString);
    }
    assertTrue(addresses.contains("azurerm_machine_learning_compute_instance.dev"), addresses::toString);
    assertTrue(addresses.contains("Microsoft.Network/networkSecurityGroups/nsg-demo-compute"), addresses::toString);
  }

  @Test
  void outputOptionWritesTheReportToTheFileAndNothingToStdout() throws IOException {
    Path report = tmp.resolve("report.sarif");
    Result r = scanDemo("--format", "sarif", "--output", report.toString());
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals("2.1.0", JSON.readTree(report.toFile()).get("version").asText());
  }

  @Test
  void outputIntoAMissingDirectoryIsAnErrorSayingWhy() {
    Result r = CliProcess.run(tmp, "scan", "--output", "missing/report.txt");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertErrorLines(r, "exfilguard: cannot write missing/report.txt: no such directory");
  }

  @Test
  void unknownFormatIsAUsageErrorNamingTheValidFormats() {
    Result r = scanDemo("--format", "xml");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    String first = r.stderr().lines().findFirst().orElse("");
    assertTrue(first.contains("xml") && first.contains("text, json, sarif"), r::toString);
    assertNoStackTrace(r);
  }

  // ---------------------------------------------------------------- severity threshold, clean scans

  @Test
  void highThresholdReportsOnlyHighFindings() throws IOException {
    Result r = scanDemo("--severity-threshold", "high", "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    JsonNode findings = JSON.readTree(r.stdout()).get("findings");
    assertEquals(2, findings.size(), r::toString);
    for (JsonNode f : findings) assertEquals("high", f.get("severity").asText(), f::toString);
  }

  @Test
  void goodFixturesScanCleanForTheirOwnRule() throws Exception {
    // one directory per rule: Terraform files sharing a directory would form one module
    int files = 0;
    for (Path ruleDir : list(REPO.resolve("testdata/rules"))) {
      Path dir = Files.createDirectory(tmp.resolve(ruleDir.getFileName()));
      Files.copy(ruleDir.resolve("arm/good.json"), dir.resolve("good.json"));
      Files.copy(ruleDir.resolve("terraform/good.tf"), dir.resolve("good.tf"));
      files += 2;
    }
    // a rule's good fixtures are clean for that rule; other rules may still flag their ad-hoc
    // setups (a good AMLX-22 fixture need not have a service endpoint policy, say)
    Map<String, String> ruleOfDir = new java.util.HashMap<>();
    for (var rule : RuleLoader.builtIn()) ruleOfDir.put(rule.meta().name(), rule.meta().id());
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    assertTrue(r.exitCode() == Main.OK || r.exitCode() == Main.FINDINGS, r::toString);
    assertEquals("", r.stderr());
    int checkedDirs = 0;
    for (Path ruleDir : list(REPO.resolve("testdata/rules"))) {
      assertTrue(ruleOfDir.containsKey(ruleDir.getFileName().toString()), () -> "no rule named " + ruleDir.getFileName());
      checkedDirs++;
    }
    assertEquals(files / 2, checkedDirs);
    List<String> ownRuleFindings = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) {
      String file = f.get("file").asText();
      String dir = file.substring(0, file.indexOf('/'));
      if (f.get("ruleId").asText().equals(ruleOfDir.get(dir))) ownRuleFindings.add(f.get("ruleId").asText() + " " + file + ":" + f.get("line").asInt());
    }
    assertEquals(List.of(), ownRuleFindings, r::toString);
  }

  @Test
  void emptyDirectoryScansCleanWithExitZero() {
    Result r = CliProcess.run(tmp, "scan", ".");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertEquals("No findings in 0 files.\n", r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void invalidThresholdIsAUsageError() {
    Result r = scanDemo("--severity-threshold", "critical");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(r.stderr().lines().findFirst().orElse("").contains("critical"), r::toString);
    assertNoStackTrace(r);
  }

  // ---------------------------------------------------------------- bad input
  // Each case is scanned next to a valid file with findings, to show that the scan goes on.

  private Result scanWithCompanion(String... badPaths) throws IOException {
    Path companion = Files.createDirectories(tmp.resolve("ok"));
    Files.copy(REPO.resolve("testdata/rules/compute-public-ip/terraform/bad.tf"), companion.resolve("bad.tf"));
    List<String> args = new ArrayList<>(List.of("scan"));
    args.addAll(List.of(badPaths));
    args.add("ok/bad.tf");
    Result r = CliProcess.run(tmp, args.toArray(String[]::new));
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("ok/bad.tf:13:35  LOW     AMLX-02"), () -> "the valid file was not scanned\n" + r);
    assertNoStackTrace(r);
    return r;
  }

  private static void assertErrorLines(Result r, String... expected) {
    assertEquals(List.of(expected), r.stderr().lines().toList(), r::toString);
  }

  private static void assertNoStackTrace(Result r) {
    assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r::toString);
    assertFalse(r.stdout().contains("Exception") || r.stdout().contains("\tat "), r::toString);
  }

  private Path truncatedTemplate(Path file) throws IOException {
    String text = Files.readString(DEMO_ARM, StandardCharsets.UTF_8);
    Files.createDirectories(file.getParent());
    // cut inside the resources array, after the $schema line (walks look for it)
    return Files.writeString(file, text.substring(0, text.indexOf("\"resources\"") + 60));
  }

  @Test
  void emptyJsonFileNamedExplicitlyIsAnInputError() throws IOException {
    Files.createFile(tmp.resolve("empty.json"));
    assertErrorLines(scanWithCompanion("empty.json"), "empty.json:1:1: error: empty file");
  }

  @Test
  void binaryFileNamedAsJsonIsAnInputError() throws IOException {
    Files.write(tmp.resolve("x.json"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, (byte) 0xff});
    assertErrorLines(scanWithCompanion("x.json"), "x.json:1:1: error: binary file, not text");
  }

  @Test
  void truncatedTemplateNamedExplicitlyIsReportedWithLineAndColumn() throws IOException {
    truncatedTemplate(tmp.resolve("cut.json"));
    Result r = scanWithCompanion("cut.json");
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().matches("cut\\.json:\\d+:\\d+: error: truncated JSON.*\n"), r::toString);
  }

  @Test
  void truncatedTemplateFoundInADirectoryIsReportedWithLineAndColumn() throws IOException {
    truncatedTemplate(tmp.resolve("infra/cut.json"));
    Result r = scanWithCompanion("infra");
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().matches("infra/cut\\.json:\\d+:\\d+: error: truncated JSON.*\n"), r::toString);
  }

  @Test
  void jsonThatIsNotATemplateNamedExplicitlyIsAnInputError() throws IOException {
    Files.writeString(tmp.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
    assertErrorLines(scanWithCompanion("package.json"),
        "package.json:1:1: error: not an ARM template: its $schema does not name deploymentTemplate.json");
  }

  @Test
  void hclWithAnUnclosedBlockIsReportedWithLineAndColumn() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(dir.resolve("main.tf"), "resource \"azurerm_subnet\" \"s\" {\n  name = \"snet\"\n");
    Result r = scanWithCompanion("broken/main.tf");
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().startsWith("broken/main.tf:3:1: error: unclosed block"), r::toString);
  }

  @Test
  void missingFileAndDirectoryAreInputErrors() throws IOException {
    assertErrorLines(scanWithCompanion("nope.json", "no-such-dir"),
        "no-such-dir:1:1: error: no such file or directory",
        "nope.json:1:1: error: no such file or directory");
  }

  @Test
  void unreadableFileIsAnInputError() throws IOException {
    Path file = Files.writeString(tmp.resolve("secret.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(file)) {
      assertErrorLines(scanWithCompanion("secret.json"), "secret.json: error: cannot read: permission denied");
    } else {
      // running as root: mode 000 does not stop reads, so use the other kind of file that
      // exists in a listing but cannot be read, a symbolic link to nothing
      Files.createSymbolicLink(tmp.resolve("gone.json"), tmp.resolve("deleted.json"));
      assertErrorLines(scanWithCompanion("gone.json"), "gone.json:1:1: error: broken symbolic link");
    }
  }

  @Test
  void symbolicLinkToItselfNamedExplicitlyIsReportedAsALoop() throws IOException {
    Files.createSymbolicLink(tmp.resolve("self.json"), Path.of("self.json"));
    assertErrorLines(scanWithCompanion("self.json"), "self.json:1:1: error: symbolic link loop; not followed");
  }

  @Test
  void directoryLinkingToItsParentIsWalkedOnceAndTheLoopReported() throws IOException {
    Path sub = Files.createDirectories(tmp.resolve("proj/sub"));
    Files.copy(REPO.resolve("testdata/rules/compute-public-ip/terraform/bad.tf"), sub.resolve("bad.tf"));
    Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));
    Result r = CliProcess.run(tmp, "scan", "proj");
    // every file was read once: the loop is a note, not an input error
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("proj/sub/up:1:1: note: symbolic link loop; not followed"), r::toString);
    // the count depends on the catalogue; what matters is one file read once
    assertTrue(r.stdout().lines().reduce((a, b) -> b).orElse("").matches("\\d+ findings \\(.*\\) in 1 file\\."),
        r::toString);
    assertNoStackTrace(r);
  }

  @Test
  void directoryMixingABrokenFileAndAValidOneStillReportsTheValidFindings() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mixed"));
    truncatedTemplate(dir.resolve("a-cut.json"));
    Files.copy(REPO.resolve("testdata/rules/nsg-frontdoor-egress/arm/bad.json"), dir.resolve("b-nsg.json"));
    Result r = CliProcess.run(tmp, "scan", "mixed");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("mixed/a-cut.json:"), r::toString);
    assertTrue(r.stdout().contains("mixed/b-nsg.json:48:43  HIGH    AMLX-22"), r::toString);
    assertNoStackTrace(r);
  }

  @Test
  void machineFormatsKeepStdoutParseableAndPutInputErrorsOnStderr() throws IOException {
    Files.createFile(tmp.resolve("empty.json"));
    Result r = CliProcess.run(tmp, "scan", "--format", "json", "empty.json");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    JSON.readTree(r.stdout());
    assertErrorLines(r, "empty.json:1:1: error: empty file");
  }

  // ---------------------------------------------------------------- directory walking

  @Test
  void walkSkipsGitTerraformAndNodeModules() throws IOException {
    for (String skipped : List.of(".git", ".terraform/modules/m", "node_modules/pkg")) {
      Path dir = Files.createDirectories(tmp.resolve("repo").resolve(skipped));
      Files.copy(REPO.resolve("testdata/rules/nsg-frontdoor-egress/arm/bad.json"), dir.resolve("template.json"));
      Files.copy(REPO.resolve("testdata/rules/compute-public-ip/terraform/bad.tf"), dir.resolve("main.tf"));
      truncatedTemplate(dir.resolve("cut.json"));
      Files.writeString(dir.resolve("broken.tf"), "resource \"a\" \"b\" {\n");
    }
    Result r = CliProcess.run(tmp, "scan", "repo");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertEquals("No findings in 0 files.\n", r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void nonTemplateJsonFoundWhileWalkingIsIgnored() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
    Files.writeString(dir.resolve("tsconfig.json"), "{\"compilerOptions\": {\"strict\": true}}\n");
    Files.copy(REPO.resolve("testdata/rules/nsg-frontdoor-egress/arm/bad.json"), dir.resolve("azuredeploy.json"));
    Result r = CliProcess.run(tmp, "scan", "app");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    // only the template is read: its AMLX-22 findings (one per "expect" marker) in one file
    long expected = Files.readAllLines(dir.resolve("azuredeploy.json")).stream().filter(l -> l.trim().equals("// expect: AMLX-22")).count();
    assertTrue(expected > 0);
    assertEquals(expected, r.stdout().lines().filter(l -> l.startsWith("app/azuredeploy.json:") && l.contains("  AMLX-22  ")).count(), r::toString);
    assertTrue(r.stdout().lines().filter(l -> l.matches("^\\S+:\\d+:\\d+  .*")).allMatch(l -> l.startsWith("app/azuredeploy.json:")), r::toString);
    assertTrue(r.stdout().matches("(?s).*\\n\\d+ findings \\([^)]*\\) in 1 file\\.\n"), r::toString);
  }

  /** A module whose variable default (variables.tf) makes the compute in main.tf public. */
  private void writeModule() throws IOException {
    Path mod = Files.createDirectories(tmp.resolve("mod"));
    Files.writeString(mod.resolve("variables.tf"), """
        variable "public_ip" {
          type    = bool
          default = true
        }
        """);
    Files.writeString(mod.resolve("main.tf"), """
        resource "azurerm_machine_learning_compute_cluster" "train" {
          name                          = "cpu-train"
          location                      = "westeurope"
          machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
          vm_size                       = "STANDARD_DS3_V2"
          vm_priority                   = "Dedicated"
          node_public_ip_enabled        = var.public_ip
          subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"
        }
        """);
  }

  @Test
  void namedTfFileIsScannedWithTheRestOfItsModuleAsContext() throws IOException {
    writeModule();
    Result r = CliProcess.run(tmp, "scan", "mod/main.tf");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("mod/main.tf:7:35  LOW     AMLX-02  Compute cpu-train gets a public IP"), r::toString);
    assertTrue(r.stdout().contains("from variable 'public_ip' default at mod/variables.tf:3"), r::toString);
    assertEquals("", r.stderr());
  }

  @Test
  void namedTfFileDoesNotReportFindingsInItsContextFiles() throws IOException {
    writeModule();
    Result r = CliProcess.run(tmp, "scan", "mod/variables.tf");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertEquals("No findings in 2 files.\n", r.stdout());
    assertEquals("", r.stderr());
  }

  // ---------------------------------------------------------------- rules, version, help, usage

  @Test
  void rulesListShowsEveryRuleSortedById() throws Exception {
    Result r = CliProcess.run(tmp, "rules", "list");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    List<String> ids = r.stdout().lines().map(l -> l.split(" ", 2)[0]).toList();
    List<String> catalogue = new ArrayList<>(
        RuleLoader.loadDirectory(REPO.resolve("rules")).stream().map(x -> x.meta().id()).toList());
    catalogue.sort(null);
    assertTrue(catalogue.size() >= 4, catalogue::toString);
    assertEquals(catalogue, ids, r::toString);
    assertEquals("", r.stderr());
  }

  @Test
  void rulesExplainShowsTitleWhyItMattersAndRemediation() {
    Result r = CliProcess.run(tmp, "rules", "explain", "AMLX-22");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("AMLX-22  Outbound to AzureFrontDoor.Frontend allowed\n"), r::toString);
    assertTrue(r.stdout().contains("\nWhy it matters\n"), r::toString);
    String fix = r.stdout().substring(r.stdout().indexOf("How to fix"));
    assertTrue(fix.contains("ml.azure.com"), r::toString);
  }

  @Test
  void rulesExplainOfAnUnknownIdIsAnError() {
    Result r = CliProcess.run(tmp, "rules", "explain", "nope");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertErrorLines(r, "exfilguard: no rule 'nope'; 'exfilguard rules list' shows them all");
  }

  @Test
  void versionPrintsTheToolName() {
    Result r = CliProcess.run(tmp, "--version");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("exfilguard "), r::toString);
  }

  @Test
  void helpExitsZeroAndDocumentsTheExitCodes() {
    Result r = CliProcess.run(tmp, "--help");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("Exit codes: 0 no findings, 1 findings, 2 usage or input errors."), r::toString);
  }

  @Test
  void scanHelpExitsZeroAndDocumentsTheExitCodes() {
    Result r = CliProcess.run(tmp, "scan", "--help");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().replace("\n", " ").contains("Exit codes: 0 no findings at or above the threshold, 1 findings, 2"),
        r::toString);
  }

  @Test
  void unknownOptionIsAUsageErrorPointingToHelp() {
    Result r = CliProcess.run(tmp, "scan", "--bogus");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertErrorLines(r, "exfilguard: unknown option '--bogus'", "Try 'exfilguard scan --help' for usage.");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
