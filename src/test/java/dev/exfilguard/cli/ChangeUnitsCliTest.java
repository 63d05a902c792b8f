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
 * Which deployment units a change touches (DeploymentUnits), seen through the git modes of the
 * real CLI on real repositories: the demo's Terraform and ARM template, committed, then changed.
 */
class ChangeUnitsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path repo;
  Git git;

  @BeforeEach
  void repository() throws IOException {
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), repo);
  }

  private void commit() {
    if (git == null) git = Git.init(repo);
    git.commitAll("base");
  }

  /** Rule, file and resource of each finding. */
  private static List<String> findings(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) {
      out.add(f.get("ruleId").asText() + " " + f.get("file").asText() + " " + f.get("resource").asText());
    }
    return out;
  }

  private Result json(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--format", "json"));
    return CliProcess.run(repo, a.toArray(String[]::new));
  }

  @Test
  void aChangedChildModuleIsJudgedThroughItsCaller() throws IOException {
    // terraform/ calls modules/compute, whose cluster gets its public IP from a variable
    Files.createDirectories(repo.resolve("modules/compute"));
    Files.writeString(repo.resolve("modules/compute/main.tf"), """
        variable "subnet_id" {
          type = string
        }

        variable "public_ip" {
          type    = bool
          default = false
        }

        resource "azurerm_machine_learning_compute_cluster" "gpu" {
          name                          = "gpu-cluster"
          location                      = "westeurope"
          machine_learning_workspace_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w"
          vm_size                       = "STANDARD_NC6"
          vm_priority                   = "Dedicated"
          subnet_resource_id            = var.subnet_id
          node_public_ip_enabled        = var.public_ip

          scale_settings {
            min_node_count = 0
            max_node_count = 2
          }
        }
        """);
    Files.writeString(repo.resolve("terraform/compute.tf"), """
        module "compute" {
          source    = "../modules/compute"
          subnet_id = azurerm_subnet.compute.id
        }
        """);
    commit();
    Path child = repo.resolve("modules/compute/main.tf");
    Files.writeString(child, Files.readString(child).replace("default = false", "default = true"));
    git.run("add", "-A");
    Result r = json("scan", "--hook");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-02 modules/compute/main.tf module.compute.azurerm_machine_learning_compute_cluster.gpu"), findings(r),
        r::toString);
  }

  @Test
  void aLinkedTemplateTouchesTheTemplatesThatLinkIt() throws IOException {
    Path t = repo.resolve("arm/azuredeploy.json");
    String s = Files.readString(t);
    String anchor = "\"resources\": [";
    assertTrue(s.contains(anchor));
    Files.writeString(t, s.replaceFirst("\"resources\": \\[", """
        "resources": [
            {
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2022-09-01",
              "name": "linked",
              "properties": {
                "mode": "Incremental",
                "templateLink": { "relativePath": "nested/child.json" }
              }
            },"""));
    Files.createDirectories(repo.resolve("arm/nested"));
    Files.writeString(repo.resolve("arm/nested/child.json"), """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": []
        }
        """);
    commit();
    Files.writeString(repo.resolve("arm/nested/child.json"), Files.readString(repo.resolve("arm/nested/child.json")) + "\n");
    git.run("add", "-A");
    // --staged reports every finding of the touched units: the linking template's are there
    Result r = json("scan", "--staged");
    assertTrue(findings(r).stream().anyMatch(f -> f.startsWith("AMLX-22 arm/azuredeploy.json ")), r::toString);
    assertFalse(findings(r).stream().anyMatch(f -> f.contains("terraform/")), r::toString);
  }

  @Test
  void aFileThatAModuleReadsTouchesTheModule() throws IOException {
    Files.writeString(repo.resolve("terraform/rules.json"), "{\"priority\": 120}\n");
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace("  priority                    = 120",
        "  priority                    = jsondecode(file(\"${path.module}/rules.json\")).priority"));
    commit();
    Files.writeString(repo.resolve("terraform/rules.json"), "{\"priority\": 125}\n");
    git.run("add", "-A");
    Result r = json("scan", "--staged");
    assertTrue(findings(r).contains("AMLX-22 terraform/main.tf azurerm_network_security_rule.studio"), r::toString);
    assertEquals(Main.OK, json("scan", "--hook").exitCode(), "a changed priority is the same finding");
  }

  @Test
  void aParametersFileTheConfigNamesTouchesItsTemplates() throws IOException {
    Path t = repo.resolve("arm/azuredeploy.json");
    Files.writeString(t, Files.readString(t).replace("\"defaultValue\": true", "\"defaultValue\": false"));
    Files.createDirectories(repo.resolve("env"));
    Files.writeString(repo.resolve("env/prod.json"), "{\"parameters\": {}}\n");
    Files.writeString(repo.resolve(".exfilguard.yaml"), """
        inputs:
          - path: "arm/*.json"
            parameters: [env/prod.json]
        """);
    commit();
    Files.writeString(repo.resolve("env/prod.json"), "{\"parameters\": {\"clusterPublicIp\": {\"value\": true}}}\n");
    git.run("add", "-A");
    Result r = json("scan", "--hook");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-02 arm/azuredeploy.json Microsoft.MachineLearningServices/workspaces/computes/mlw-demo/gpu-cluster"),
        findings(r), r::toString);
  }

  @Test
  void diffBaseSeesUncommittedAndUntrackedChanges() throws IOException {
    commit();
    // a working-tree edit, never staged, and a new module nobody added yet
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace("\"AzureFrontDoor.Frontend\"", "\"AzureFrontDoor.FirstParty\""));
    SuppressionCliTest.copyTree(repo.resolve("terraform"), repo.resolve("envs/dev"));
    Result r = json("scan", "--diff-base", "main");
    List<String> f = findings(r);
    assertFalse(f.contains("AMLX-22 terraform/main.tf azurerm_network_security_rule.studio"), f::toString);
    assertFalse(f.isEmpty(), r::toString);
    assertTrue(f.stream().allMatch(x -> x.contains(" envs/dev/main.tf ")), f::toString);
    // --staged sees neither: nothing is staged
    assertEquals(List.of(), findings(json("scan", "--staged")));
  }

  @Test
  void theHookOnAFirstCommitJudgesEverythingStaged() throws IOException {
    git = Git.init(repo);
    git.run("add", "-A");
    Result r = json("scan", "--hook");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(findings(json("scan")), findings(r), "every finding is new");
  }

  @Test
  void onlyUnitsUnderTheScannedPathsAreJudged() throws IOException {
    commit();
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf) + "\n# edit\n");
    git.run("add", "-A");
    assertEquals(List.of(), findings(json("scan", "--staged", "arm")));
    assertFalse(findings(json("scan", "--staged", "terraform")).isEmpty());
    assertFalse(findings(json("scan", "--staged", "terraform/variables.tf")).isEmpty(), "a file of the module names it");
  }

  @Test
  void allWithoutAGitModeIsAUsageError() {
    Result r = CliProcess.run(repo, "scan", "--all");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--all applies to --hook, --staged and --diff-base"), r::toString);
  }

  @Test
  void underPreCommitFromAndToRefsTheHookJudgesThoseCommits() throws IOException {
    commit();
    git.run("checkout", "-q", "-b", "feature");
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf) + "\nresource \"azurerm_machine_learning_compute_instance\" \"dev2\" {\n  name = \"ci2\"\n}\n");
    git.commitAll("a compute instance with a public IP");
    assertEquals(Main.OK, json("scan", "--hook").exitCode(), "nothing is staged");
    Result r = CliProcess.run(repo, java.util.Map.of("PRE_COMMIT_FROM_REF", "main", "PRE_COMMIT_TO_REF", "feature"), "scan", "--hook",
        "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    // outside any VNet, with a public IP: only the commits' instance is new
    assertEquals(List.of("AMLX-01 terraform/main.tf azurerm_machine_learning_compute_instance.dev2",
        "AMLX-02 terraform/main.tf azurerm_machine_learning_compute_instance.dev2"), findings(r), r::toString);
  }
}
