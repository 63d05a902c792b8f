package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import dev.exfilguard.testing.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameters files as entry points and templates judged once per parameters file (issue 12 §3),
 * through the real CLI, on the demo's ARM template.
 */
class ParametersFilesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path arm;

  @BeforeEach
  void template() throws IOException {
    arm = Files.createDirectories(tmp.resolve("arm"));
    Files.copy(Fixtures.repo().resolve("testdata/demo/arm/azuredeploy.json"), arm.resolve("azuredeploy.json"));
  }

  /** The demo's {@code clusterPublicIp} default (true in the demo). */
  private void publicIpDefault(boolean value) throws IOException {
    Path t = arm.resolve("azuredeploy.json");
    String s = Files.readString(t);
    assertTrue(s.contains("\"defaultValue\": true"));
    Files.writeString(t, s.replace("\"defaultValue\": true", "\"defaultValue\": " + value));
  }

  private static void parameters(Path file, boolean publicIp) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "clusterPublicIp": { "value": %s } }
        }
        """.formatted(publicIp));
  }

  /** Rule and resource of each finding. */
  private static List<String> findings(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) out.add(f.get("ruleId").asText() + " " + f.get("resource").asText());
    return out;
  }

  private static final String CLUSTER = "Microsoft.MachineLearningServices/workspaces/computes/mlw-demo/gpu-cluster";
  private static final String NSG = "Microsoft.Network/networkSecurityGroups/nsg-demo-compute";

  @Test
  void aParametersFileNamedAloneScansItsTemplateWithItsValues() throws IOException {
    publicIpDefault(false);
    parameters(arm.resolve("azuredeploy.parameters.prod.json"), true);
    Result r = CliProcess.run(tmp, "scan", "arm/azuredeploy.parameters.prod.json", "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    List<String> f = findings(r);
    assertTrue(f.contains("AMLX-02 " + CLUSTER + " [azuredeploy.parameters.prod.json]"), f::toString);
    // each finding is of that deployment, and points at the template
    assertTrue(f.stream().allMatch(x -> x.endsWith(" [azuredeploy.parameters.prod.json]")), f::toString);
    for (JsonNode x : JSON.readTree(r.stdout()).get("findings")) assertEquals("arm/azuredeploy.json", x.get("file").asText());
    assertTrue(r.stdout().contains("set at arm/azuredeploy.parameters.prod.json:4"), r::toString);

    // the template named is judged as each of its deployments: here only prod's, not its defaults too
    Result template = CliProcess.run(tmp, "scan", "arm/azuredeploy.json", "--format", "json");
    assertEquals(f, findings(template), template::toString);
  }

  @Test
  void aTemplateIsJudgedOncePerParametersFileAndNotAlsoOnTheDefaultsTheyOverride() throws IOException {
    publicIpDefault(true);
    parameters(arm.resolve("azuredeploy.parameters.json"), false);
    parameters(arm.resolve("azuredeploy.parameters.prod.json"), true);
    parameters(arm.resolve("azuredeploy.parameters.dev.json"), false);
    Result r = CliProcess.run(tmp, "scan", "arm", "--format", "json");
    List<String> f = findings(r);
    // the Front Door rule is in the template itself: once per deployment, the primary one unlabelled
    assertTrue(f.contains("AMLX-22 " + NSG), f::toString);
    assertTrue(f.contains("AMLX-22 " + NSG + " [azuredeploy.parameters.prod.json]"), f::toString);
    assertTrue(f.contains("AMLX-22 " + NSG + " [azuredeploy.parameters.dev.json]"), f::toString);
    assertEquals(3, f.stream().filter(x -> x.startsWith("AMLX-22 ")).count(), f::toString);
    // the public IP only where prod sets it; the default (true) is overridden everywhere
    assertEquals(List.of("AMLX-02 " + CLUSTER + " [azuredeploy.parameters.prod.json]"),
        f.stream().filter(x -> x.startsWith("AMLX-02 ")).toList(), f::toString);
    assertTrue(CliProcess.run(tmp, "scan", "arm").stdout()
        .contains("[" + CLUSTER + " [azuredeploy.parameters.prod.json]]"), "the text report names the deployment");
  }

  @Test
  void baselinesKeepEnvironmentsApart() throws IOException {
    publicIpDefault(false);
    parameters(arm.resolve("azuredeploy.parameters.json"), false);
    parameters(arm.resolve("azuredeploy.parameters.prod.json"), false);
    Path baseline = tmp.resolve("baseline.json");
    assertEquals(Main.OK, CliProcess.run(tmp, "scan", "--write-baseline", baseline.toString()).exitCode());
    assertTrue(Files.readString(baseline).contains(NSG + " [azuredeploy.parameters.prod.json]"));
    assertEquals(Main.OK, CliProcess.run(tmp, "scan", "--baseline", baseline.toString()).exitCode());
    // prod turns the public IP on: new in prod only
    parameters(arm.resolve("azuredeploy.parameters.prod.json"), true);
    Result r = CliProcess.run(tmp, "scan", "--baseline", baseline.toString(), "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-02 " + CLUSTER + " [azuredeploy.parameters.prod.json]"), findings(r), r::toString);
  }

  @Test
  void configSuppressionsMatchAnAddressInAnyDeployment() throws IOException {
    parameters(arm.resolve("azuredeploy.parameters.prod.json"), true);
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        suppressions:
          - rule: AMLX-22
            resource: "%s"
            reason: "studio approved in SEC-7"
        """.formatted(NSG));
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    assertFalse(findings(r).stream().anyMatch(x -> x.startsWith("AMLX-22 ")), r::toString);
    assertEquals(1, JSON.readTree(r.stdout()).get("suppressed").size(), r::toString);
  }

  @Test
  void aParametersFileWithoutATemplateIsOneNote() throws IOException {
    parameters(tmp.resolve("env/lonely.parameters.json"), true);
    Result r = CliProcess.run(tmp, "scan", "env/lonely.parameters.json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertEquals("env/lonely.parameters.json:1:1: note: parameters file with no template to apply it to (looked for lonely.json"
        + " or lonely.bicep beside it, or an inputs: entry of the config file naming it); nothing scanned\n", r.stderr(), r::toString);
  }

  @Test
  void theConfigFileNamesTheTemplateOfAParametersFile() throws IOException {
    publicIpDefault(false);
    parameters(tmp.resolve("env/prod.json"), true);
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        inputs:
          - path: "arm/*.json"
            parameters: [env/prod.json]
        """);
    Result r = CliProcess.run(tmp, "scan", "env/prod.json", "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(findings(r).contains("AMLX-02 " + CLUSTER), r::toString);
  }

  @Test
  void aParametersFileOfABicepTemplateScansTheBicepWithItsValues() throws IOException {
    Files.writeString(arm.resolve("main.bicep"), """
        param clusterPublicIp bool = false

        resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
          name: 'mlw-bicep/gpu-bicep'
          location: 'westeurope'
          properties: {
            computeType: 'AmlCompute'
            properties: {
              vmSize: 'STANDARD_NC6'
              enableNodePublicIp: clusterPublicIp
            }
          }
        }
        """);
    parameters(arm.resolve("main.parameters.json"), true);
    Result r = CliProcess.run(tmp, "scan", "arm/main.parameters.json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("arm/main.bicep:10:7"), r::toString);
    assertTrue(r.stdout().contains("(from param clusterPublicIp set at arm/main.parameters.json:"), r::toString);
  }

  @Test
  void aParametersOnlyChangeIsSeenByStagedDiffBase() throws IOException {
    publicIpDefault(false);
    Git git = Git.init(tmp);
    git.commitAll("template");
    parameters(arm.resolve("azuredeploy.parameters.json"), true);
    git.run("add", "-A");
    Result r = CliProcess.run(tmp, "scan", "--staged", "--diff-base", "HEAD", "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-02 " + CLUSTER), findings(r), r::toString);
  }
}
