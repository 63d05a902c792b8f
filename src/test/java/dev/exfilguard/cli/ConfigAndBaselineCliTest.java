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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file (discovery, every key, strict errors, init) and baselines, end to end. */
class ConfigAndBaselineCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeEach
  void copyDemo() throws IOException {
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), tmp);
  }

  private static List<String> ruleIds(Result r) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) ids.add(f.get("ruleId").asText() + " " + f.get("severity").asText());
    return ids;
  }

  // ---------------------------------------------------------------- config file

  @Test
  void configIsFoundAboveTheScannedPathAndStopsAtTheRepositoryRoot() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "rules:\n  disable: [AMLX-22]\n");
    Result below = CliProcess.run(tmp.resolve("terraform"), "scan", "--format", "json");
    assertFalse(ruleIds(below).stream().anyMatch(s -> s.startsWith("AMLX-22")), below::toString);

    // a .git directory in between marks the repository root: the file above it is not used
    Files.createDirectories(tmp.resolve("terraform/.git"));
    Result inRepo = CliProcess.run(tmp.resolve("terraform"), "scan", "--format", "json");
    assertTrue(ruleIds(inRepo).stream().anyMatch(s -> s.startsWith("AMLX-22")), inRepo::toString);
  }

  @Test
  void enableDisableSeverityAndThresholdFromTheConfig() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        version: 1
        rules:
          enable: [AMLX-02, AMLX-12, AMLX-22]
          disable: [AMLX-12]
          severity: {AMLX-02: high}
        severity-threshold: high
        """);
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    assertEquals(List.of("AMLX-22 high", "AMLX-02 high", "AMLX-22 high", "AMLX-02 high"), ruleIds(r), r::toString);
    // the command line's threshold wins over the file's
    Result low = CliProcess.run(tmp, "scan", "--format", "json", "--severity-threshold", "info");
    assertEquals(4, ruleIds(low).size(), low::toString);
  }

  @Test
  void severityOverrideReachesSarifRuleConfiguration() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "rules:\n  severity: {AMLX-02: high}\n");
    JsonNode sarif = JSON.readTree(CliProcess.run(tmp, "scan", "--format", "sarif").stdout());
    for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
      if (rule.get("id").asText().equals("AMLX-02")) assertEquals("error", rule.at("/defaultConfiguration/level").asText());
    }
  }

  @Test
  void excludedPathsAreNotScanned() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "exclude:\n  - arm\n");
    Result r = CliProcess.run(tmp, "scan");
    assertTrue(r.stdout().contains("4 findings (1 high, 2 medium, 1 low) in 2 files."), r::toString);
    assertFalse(r.stdout().contains("arm/"), r::toString);
  }

  @Test
  void customRulesAreLoadedFromTheConfigsRuleDirectories() throws IOException {
    Files.createDirectories(tmp.resolve("policies"));
    Files.writeString(tmp.resolve("policies/vnet-any.yaml"), """
        id: AMLX-90
        name: vnet-any
        title: Every virtual network, for a test
        severity: info
        category: network
        resources: [Microsoft.Network/virtualNetworks]
        description: A custom rule.
        remediation: None.
        message: "VNet {name} seen"
        when:
          field: name
          exists: true
        """);
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "custom-rules: [policies]\n");
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    assertTrue(ruleIds(r).contains("AMLX-90 info"), r::toString);
  }

  @Test
  void customRuleThatBreaksTheFormatIsAnErrorWithItsLine() throws IOException {
    Files.createDirectories(tmp.resolve("policies"));
    Files.writeString(tmp.resolve("policies/bad.yaml"), "id: AMLX-91\nname: bad\nsurprise: 1\n");
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "custom-rules: [policies]\n");
    Result r = CliProcess.run(tmp, "scan");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("policies/bad.yaml:3:11: error: unknown key 'surprise'"), r::toString);
  }

  @Test
  void configErrorsNameFileLineAndColumnAndExitTwo() throws IOException {
    String[][] cases = {
      {"rules:\n  disabel: [AMLX-22]\n", ".exfilguard.yaml:2:12: error: unknown key 'disabel' in 'rules' (allowed: disable, enable, severity)"},
      {"rules:\n  disable: [AMLX-99]\n", ".exfilguard.yaml:2:13: error: unknown rule ID 'AMLX-99'"},
      {"severity-threshold: severe\n", ".exfilguard.yaml:1:21: error: severity must be one of high, medium, low, info"},
      {"suppressions:\n  - rule: AMLX-22\n    path: arm\n", ".exfilguard.yaml:2:5: error: a suppression needs a 'reason'"},
      {"suppressions:\n  - rule: AMLX-22\n    reason: x\n    expires: soon\n", ".exfilguard.yaml:4:14: error: 'expires' must be a date YYYY-MM-DD"},
      {"inputs:\n  - path: arm\n    parameters: [missing.json]\n", ".exfilguard.yaml:3:18: error: file 'missing.json' does not exist"},
      {"exclude: arm\n", ".exfilguard.yaml:1:10: error: 'exclude' must be a list"},
      {"version: 2\n", ".exfilguard.yaml:1:10: error: 'version' must be 1"},
      {"rules: [\n", ".exfilguard.yaml:1:9: error: invalid YAML: expected the node content, but found the end of the file"},
    };
    for (String[] c : cases) {
      Files.writeString(tmp.resolve(".exfilguard.yaml"), c[0]);
      Result r = CliProcess.run(tmp, "scan");
      assertEquals(Main.ERROR, r.exitCode(), c[0] + "\n" + r);
      assertTrue(r.stderr().startsWith(c[1]), "for\n" + c[0] + "expected " + c[1] + "\n" + r);
      assertEquals("", r.stdout());
      assertFalse(r.stderr().contains("Exception"), r::toString);
    }
  }

  @Test
  void inputsGiveParameterAndVarFilesPerPath() throws Exception {
    Files.writeString(tmp.resolve("arm/prod.parameters.json"), "{}");
    Files.writeString(tmp.resolve("terraform/prod.tfvars"), "");
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        inputs:
          - path: "arm/*.json"
            parameters: [arm/prod.parameters.json]
          - path: terraform
            var-files: [terraform/prod.tfvars]
        """);
    dev.exfilguard.config.Config config = dev.exfilguard.config.ConfigLoader.load(tmp.resolve(".exfilguard.yaml"), ".exfilguard.yaml");
    dev.exfilguard.source.InputOptions cli = new dev.exfilguard.source.InputOptions(java.util.Map.of(),
        List.of(Path.of("cli.parameters.json")), java.util.Map.of(), List.of(), java.util.Map.of());
    ScanRun run = new ScanRun(List.of(), config, cli, true, false, false, false, "test");
    assertEquals(List.of(Path.of("cli.parameters.json"), tmp.resolve("arm/prod.parameters.json")),
        run.inputsFor(tmp, tmp.resolve("arm/azuredeploy.json")).parameterFiles());
    assertEquals(List.of(), run.inputsFor(tmp, tmp.resolve("arm/azuredeploy.json")).varFiles());
    assertEquals(List.of(tmp.resolve("terraform/prod.tfvars")), run.inputsFor(tmp, tmp.resolve("terraform")).varFiles());
    assertEquals(List.of(Path.of("cli.parameters.json")), run.inputsFor(tmp, tmp.resolve("other/x.json")).parameterFiles());
  }

  @Test
  void noConfigAndExplicitConfig() throws IOException {
    List<String> unconfigured = ruleIds(CliProcess.run(tmp, "scan", "--format", "json"));
    assertTrue(unconfigured.contains("AMLX-02 low"), unconfigured::toString);
    // the config disables every rule the demo triggers
    String everyDemoRule = String.join(", ", unconfigured.stream().map(x -> x.split(" ")[0]).distinct().toList());
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "rules:\n  disable: [" + everyDemoRule + "]\n");
    Files.writeString(tmp.resolve("other.yaml"), "rules:\n  enable: [AMLX-02]\n");
    Result configured = CliProcess.run(tmp, "scan");
    assertEquals(Main.OK, configured.exitCode(), configured::toString);
    assertEquals(unconfigured, ruleIds(CliProcess.run(tmp, "scan", "--no-config", "--format", "json")));
    assertEquals(List.of("AMLX-02 low", "AMLX-02 low"), ruleIds(CliProcess.run(tmp, "scan", "--config", "other.yaml", "--format", "json")));
  }

  @Test
  void initWritesAStarterThatScansAsIsAndRefusesToOverwrite() throws IOException {
    int withoutConfig = ruleIds(CliProcess.run(tmp, "scan", "--format", "json")).size();
    assertTrue(withoutConfig > 1);
    Result first = CliProcess.run(tmp, "init");
    assertEquals(Main.OK, first.exitCode(), first::toString);
    String text = Files.readString(tmp.resolve(".exfilguard.yaml"), StandardCharsets.UTF_8);
    assertTrue(text.contains("suppressions:") && text.contains("# exfilguard configuration"), text);
    Result scan = CliProcess.run(tmp, "scan");
    assertEquals(Main.FINDINGS, scan.exitCode(), scan::toString);
    assertTrue(scan.stdout().contains(withoutConfig + " findings ("), scan::toString);

    Files.writeString(tmp.resolve(".exfilguard.yaml"), "# mine\n");
    Result again = CliProcess.run(tmp, "init");
    assertEquals(Main.ERROR, again.exitCode(), again::toString);
    assertTrue(again.stderr().contains("already exists; not overwritten"), again::toString);
    assertEquals("# mine\n", Files.readString(tmp.resolve(".exfilguard.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void everyExampleInTheStarterFileIsValidWhenUncommented() throws IOException {
    assertEquals(Main.OK, CliProcess.run(tmp, "init").exitCode());
    Files.createDirectories(tmp.resolve("policies/exfilguard"));
    Files.createDirectories(tmp.resolve("envs/prod"));
    Files.writeString(tmp.resolve("envs/prod/azuredeploy.parameters.json"), "{}");
    Files.writeString(tmp.resolve("envs/prod/prod.tfvars"), "");
    String text = Files.readString(tmp.resolve(".exfilguard.yaml"), StandardCharsets.UTF_8)
        .replaceAll("(?m)^(\\w[\\w-]*): \\[\\]\\n", "$1:\n").replaceAll("(?m)^#(  [ -])", "$1")
        .replace("# enable:", "enable:");
    Files.writeString(tmp.resolve(".exfilguard.yaml"), text);
    Result r = CliProcess.run(tmp, "scan");
    assertEquals(Main.FINDINGS, r.exitCode(), text + "\n" + r);
    // enable: [AMLX-22, AMLX-12] as uncommented
    assertTrue(r.stdout().contains("4 findings (2 high, 2 medium) in 3 files."), text + "\n" + r);
  }

  // ---------------------------------------------------------------- baseline

  @Test
  void baselineHidesKnownFindingsReportsNewOnesAndListsStaleEntries() throws IOException {
    int demo = ruleIds(CliProcess.run(tmp, "scan", "--format", "json")).size();
    assertTrue(demo > 1);
    Result write = CliProcess.run(tmp, "scan", "--write-baseline", "baseline.json");
    assertEquals(Main.OK, write.exitCode(), write::toString);
    assertTrue(write.stderr().contains("wrote " + demo + " findings to baseline.json"), write::toString);
    JsonNode b = JSON.readTree(tmp.resolve("baseline.json").toFile());
    assertEquals(1, b.get("version").asInt());
    assertEquals(demo, b.get("findings").size());
    JsonNode first = b.get("findings").get(0);
    assertEquals(List.of("fingerprint", "ruleId", "resource", "attributePath", "file"), names(first));

    Result same = CliProcess.run(tmp, "scan", "--baseline", "baseline.json");
    assertEquals(Main.OK, same.exitCode(), same::toString);
    assertTrue(same.stdout().contains("No findings in 3 files; " + demo + " known findings not shown (baseline or diff base)."), same::toString);

    // an unrelated edit moves lines: still known. A new risk is reported; a fixed one is listed as stale.
    Path tf = tmp.resolve("terraform/main.tf");
    String s = Files.readString(tf, StandardCharsets.UTF_8);
    s = "# a comment that moves every line\n\n" + s.replace("AzureFrontDoor.Frontend", "AzureFrontDoor.FirstParty");
    s += """

        resource "azurerm_network_security_rule" "new_hole" {
          name                        = "out-afd"
          resource_group_name         = var.resource_group_name
          network_security_group_name = azurerm_network_security_group.compute.name
          priority                    = 130
          direction                   = "Outbound"
          access                      = "Allow"
          protocol                    = "Tcp"
          source_port_range           = "*"
          destination_port_range      = "443"
          source_address_prefix       = "VirtualNetwork"
          destination_address_prefix  = "AzureFrontDoor.Frontend"
        }
        """;
    Files.writeString(tf, s);
    Result after = CliProcess.run(tmp, "scan", "--baseline", "baseline.json", "--format", "json");
    assertEquals(Main.FINDINGS, after.exitCode(), after::toString);
    JsonNode findings = JSON.readTree(after.stdout()).get("findings");
    assertEquals(1, findings.size(), after::toString);
    assertEquals("azurerm_network_security_rule.new_hole", findings.get(0).get("resource").asText());
    // all but the fixed studio rule
    assertEquals(demo - 1, JSON.readTree(after.stdout()).at("/summary/known").asInt());
    assertTrue(after.stderr().contains("note: no longer found: AMLX-22 azurerm_network_security_rule.studio"), after::toString);
    assertTrue(after.stderr().contains("1 baseline entry no longer occur"), after::toString);
  }

  @Test
  void baselineFileIsStableAndSorted() throws IOException {
    CliProcess.run(tmp, "scan", "--write-baseline", "a.json");
    CliProcess.run(tmp, "scan", "--write-baseline", "b.json");
    assertEquals(Files.readString(tmp.resolve("a.json")), Files.readString(tmp.resolve("b.json")));
    List<String> files = new ArrayList<>();
    for (JsonNode e : JSON.readTree(tmp.resolve("a.json").toFile()).get("findings")) files.add(e.get("file").asText());
    assertEquals(files.stream().sorted().toList(), files);
  }

  @Test
  void unusableBaselineIsAnError() throws IOException {
    Files.writeString(tmp.resolve("bad.json"), "{\"findings\": 3}");
    Result r = CliProcess.run(tmp, "scan", "--baseline", "bad.json");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("bad.json: error: not a baseline file"), r::toString);
    Result missing = CliProcess.run(tmp, "scan", "--baseline", "nope.json");
    assertEquals(Main.ERROR, missing.exitCode());
    assertTrue(missing.stderr().contains("nope.json: error: no such file"), missing::toString);
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
