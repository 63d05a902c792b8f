package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.Fixtures;
import dev.exfilguard.testing.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook as its host runs it: installed into a real repository with the real
 * {@code pre-commit} tool (from this checkout at its HEAD commit, as the README's config does with
 * a tag). The GitHub Action is tested in {@link ActionTest}.
 *
 * <p>Without {@code pre-commit} on the PATH the hook's entry is run as pre-commit would run it
 * (the manifest's file pattern applied to the staged files, the names appended to the entry),
 * and a line on stderr says so; {@code .ci/run} installs pre-commit and sets
 * {@code EXFILGUARD_REQUIRE_PRE_COMMIT=1}, which makes its absence a failure.
 */
class HookAndActionTest {
  private static final Path REPO = Fixtures.repo();
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;

  record Run(int exit, String output) {}

  private static Run run(Path dir, Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile("exfilguard-it", ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        // a hang guard only: the first hook run builds the jar with Maven
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static boolean preCommitInstalled() {
    try {
      return run(REPO, Map.of(), List.of("pre-commit", "--version")).exit() == 0;
    } catch (java.io.UncheckedIOException e) {
      return false;
    }
  }

  @Test
  void hookManifestIsWhatTheReadmeAndDesignSay() throws IOException {
    JsonNode hooks = YAML.readTree(REPO.resolve(".pre-commit-hooks.yaml").toFile());
    assertEquals(1, hooks.size());
    JsonNode h = hooks.get(0);
    assertEquals("exfilguard", h.get("id").asText());
    assertEquals("script", h.get("language").asText());
    assertEquals("bin/exfilguard scan --hook", h.get("entry").asText());
    // the hook reads the index itself: no names (pre-commit passes neither deleted files nor
    // callers of a changed module), and it runs on every commit, a deletion-only one too
    assertFalse(h.get("pass_filenames").asBoolean(true));
    assertTrue(h.get("always_run").asBoolean(false));
    assertFalse(h.has("files"), "always_run makes a files pattern meaningless");
  }

  private static final String TRAINING_MODULE = """
      resource "azurerm_machine_learning_compute_cluster" "gpu" {
        name                          = "gpu-cluster"
        location                      = "westeurope"
        machine_learning_workspace_id = var.workspace_id
        vm_size                       = "STANDARD_NC6"
        vm_priority                   = "Dedicated"
        subnet_resource_id            = var.subnet_id
        node_public_ip_enabled        = var.public_ip

        scale_settings {
          min_node_count                       = 0
          max_node_count                       = 2
          scale_down_nodes_after_idle_duration = "PT30S"
        }
      }
      """;

  private static final String TRAINING_VARIABLES = """
      variable "subnet_id" {
        type = string
      }

      variable "workspace_id" {
        type = string
      }

      variable "public_ip" {
        type    = bool
        default = false
      }
      """;

  /**
   * A project with findings already (the demo's): {@code infra/app} is the demo's Terraform with
   * its NSG association in a file of its own ({@code guard.tf}) and a call of the local module
   * {@code infra/modules/training} (a cluster in the guarded subnet, public IP from a variable
   * defaulting to false); {@code arm/azuredeploy.json} is the demo's template with
   * {@code clusterPublicIp} defaulting to false; {@code package.json} is JSON but no template.
   * The README's pre-commit config is committed, naming this checkout at its HEAD commit.
   */
  private Git scratchProject() throws IOException {
    Path repo = tmp.resolve("project");
    Files.createDirectories(repo.resolve("infra/app"));
    Files.createDirectories(repo.resolve("infra/modules/training"));
    Files.createDirectories(repo.resolve("arm"));
    String main = Files.readString(REPO.resolve("testdata/demo/terraform/main.tf"));
    int a = main.indexOf("resource \"azurerm_subnet_network_security_group_association\"");
    String guard = main.substring(a, main.indexOf("\n}\n", a) + 3);
    Files.writeString(repo.resolve("infra/app/main.tf"), main.replace(guard, "") + """

        module "training" {
          source       = "../modules/training"
          subnet_id    = azurerm_subnet.compute.id
          workspace_id = var.workspace_id
        }
        """);
    Files.writeString(repo.resolve("infra/app/guard.tf"), guard);
    Files.copy(REPO.resolve("testdata/demo/terraform/variables.tf"), repo.resolve("infra/app/variables.tf"));
    Files.writeString(repo.resolve("infra/modules/training/main.tf"), TRAINING_MODULE);
    Files.writeString(repo.resolve("infra/modules/training/variables.tf"), TRAINING_VARIABLES);
    String arm = Files.readString(REPO.resolve("testdata/demo/arm/azuredeploy.json"));
    assertTrue(arm.contains("\"defaultValue\": true"));
    Files.writeString(repo.resolve("arm/azuredeploy.json"), arm.replace("\"defaultValue\": true", "\"defaultValue\": false"));
    Files.writeString(repo.resolve("package.json"), "{\"name\": \"not a template\"}\n");
    Git git = Git.init(repo);
    git.commitAll("infra with findings already");
    String rev = Git.at(REPO).run("rev-parse", "HEAD").trim();
    String config = Readme.block("Pre-commit", "yaml", "repos:")
        .replace("https://github.com/exfilguard/exfilguard", REPO.toString()).replace("v0.1.0", rev);
    Files.writeString(repo.resolve(".pre-commit-config.yaml"), config);
    git.run("add", ".pre-commit-config.yaml");
    git.run("commit", "-q", "-m", "pre-commit config", "--no-verify");
    return git;
  }

  /** What a full scan of the project reports: rule, file and resource of each finding. */
  private static List<String> fullScan(Path project) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(CliProcess.run(project, "scan", "--format", "json").stdout()).get("findings")) {
      out.add(f.get("ruleId").asText() + " " + f.get("file").asText() + " " + f.get("resource").asText());
    }
    return out;
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertTrue(s.contains(from), file + " lacks " + from);
    Files.writeString(file, s.replace(from, to));
  }

  /** A commit the hook refuses: its output names {@code finding}, the commit is not made; then the change is undone. */
  private void assertBlocked(Git git, String message, String finding) throws IOException {
    Run r = commit(git, message);
    assertNotEquals(0, r.exit(), message + ": " + r.output());
    assertTrue(r.output().contains(finding), message + ": " + finding + " in\n" + r.output());
    assertNotEquals(message + "\n", git.run("log", "--format=%s", "-1"), "the commit was not made");
    git.run("reset", "-q", "--hard", "HEAD");
    git.run("clean", "-q", "-fd");
  }

  private void assertPassed(Git git, String message) throws IOException {
    Run r = commit(git, message);
    assertEquals(0, r.exit(), message + ": " + r.output());
    assertEquals(message + "\n", git.run("log", "--format=%s", "-1"), "the commit was made");
  }

  @Test
  void preCommitHookJudgesWhatTheCommitChanges() throws IOException {
    Git git = scratchProject();
    Path project = git.dir();
    List<String> before = fullScan(project);
    assertTrue(before.contains("AMLX-22 infra/app/main.tf azurerm_network_security_rule.studio"), before::toString);
    assertTrue(before.stream().anyMatch(f -> f.startsWith("AMLX-22 arm/azuredeploy.json ")), before::toString);
    assertFalse(before.stream().anyMatch(f -> f.startsWith("AMLX-02 ") && f.contains("gpu")), "no public IP yet: " + before);
    assertFalse(before.stream().anyMatch(f -> f.startsWith("AMLX-20 ")), "the subnet is guarded: " + before);

    // a harmless change to a unit's file, and one to JSON that is no template: nothing new
    Files.writeString(project.resolve("package.json"), "{\"name\": \"still not a template\"}\n");
    Path appVariables = project.resolve("infra/app/variables.tf");
    Files.writeString(appVariables, "# reviewed\n" + Files.readString(appVariables));
    git.run("add", "-A");
    assertPassed(git, "harmless");

    // only a variables file changes, in the module the app calls: its cluster gets a public IP
    edit(project.resolve("infra/modules/training/variables.tf"), "default = false", "default = true");
    git.run("add", "-A");
    assertBlocked(git, "variables only", "AMLX-02  Compute gpu-cluster gets a public IP");

    // the file whose association guarded the compute subnet is deleted
    git.run("rm", "-q", "infra/app/guard.tf");
    assertBlocked(git, "delete the guard",
        "AMLX-20  Subnet snet-compute hosts computes ci-demo-dev, gpu-cluster but has no network security group");

    // only a parameters file is added: in that deployment the template's cluster gets a public IP
    Files.writeString(project.resolve("arm/azuredeploy.parameters.json"), """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "clusterPublicIp": { "value": true } }
        }
        """);
    git.run("add", "-A");
    assertBlocked(git, "parameters only", "AMLX-02  Compute gpu-cluster gets a public IP: enableNodePublicIp is true (from parameter"
        + " 'clusterPublicIp' set at arm/azuredeploy.parameters.json:4)");

    // a rename within the module changes nothing; one out of it takes the guard away
    git.run("mv", "infra/app/guard.tf", "infra/app/nsg-association.tf");
    assertPassed(git, "rename within the module");
    Files.createDirectories(project.resolve("infra/legacy"));
    git.run("mv", "infra/app/nsg-association.tf", "infra/legacy/nsg-association.tf");
    assertBlocked(git, "rename out of the module", "AMLX-20  Subnet snet-compute hosts computes ci-demo-dev, gpu-cluster");

    // a new finding accepted with a reason in the staged file: the suppress stage reads the index
    edit(project.resolve("infra/modules/training/variables.tf"), "default = false", "default = true");
    edit(project.resolve("infra/modules/training/main.tf"), "resource \"azurerm_machine_learning_compute_cluster\" \"gpu\" {",
        "# exfilguard:ignore AMLX-02 training needs the public package mirror until NET-7\n"
            + "resource \"azurerm_machine_learning_compute_cluster\" \"gpu\" {");
    git.run("add", "-A");
    Files.writeString(project.resolve("infra/modules/training/main.tf"), TRAINING_MODULE);
    assertPassed(git, "accepted with a reason");
    git.run("checkout", "--", "infra/modules/training/main.tf");

    // a fix passes
    edit(project.resolve("infra/app/main.tf"), "\"AzureFrontDoor.Frontend\"", "\"AzureFrontDoor.FirstParty\"");
    git.run("add", "-A");
    assertPassed(git, "fix the studio rule");
    assertFalse(fullScan(project).contains("AMLX-22 infra/app/main.tf azurerm_network_security_rule.studio"));

    // the template has findings already: a change to it that adds none passes, unless the hook
    // is configured to block on every finding of what the commit touches
    Path template = project.resolve("arm/azuredeploy.json");
    Files.writeString(template, Files.readString(template) + "\n");
    git.run("add", "-A");
    assertPassed(git, "touch the template");
    edit(project.resolve(".pre-commit-config.yaml"), "- id: exfilguard", "- id: exfilguard\n        args: [--all]");
    git.run("add", "-A");
    git.run("commit", "-q", "-m", "hook with --all", "--no-verify");
    Files.writeString(template, Files.readString(template) + "\n");
    git.run("add", "-A");
    assertBlocked(git, "touch the template again", "AMLX-22");
  }

  /** A {@code .bicep}-only commit that gives a cluster a public IP is blocked; a harmless one to the same file passes. */
  @Test
  void preCommitHookJudgesABicepOnlyChange() throws IOException {
    Git git = scratchProject();
    Path project = git.dir();
    Files.createDirectories(project.resolve("bicep"));
    Files.writeString(project.resolve("bicep/main.bicep"), """
        resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = {
          name: 'mlw-bicep'
        }

        resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
          parent: ws
          name: 'gpu-bicep'
          location: 'westeurope'
          properties: {
            computeType: 'AmlCompute'
            properties: {
              vmSize: 'STANDARD_NC6'
              enableNodePublicIp: true
            }
          }
        }
        """);
    Path bicep = project.resolve("bicep/main.bicep");
    edit(bicep, "enableNodePublicIp: true", "enableNodePublicIp: false");
    git.run("add", "-A");
    git.run("commit", "-q", "-m", "bicep, no public IP", "--no-verify");
    edit(bicep, "enableNodePublicIp: false", "enableNodePublicIp: true");
    git.run("add", "-A");
    assertBlocked(git, "bicep only", "AMLX-02  Compute gpu-bicep gets a public IP");
    // its findings from before (AMLX-01: the workspace is elsewhere) do not block a harmless change
    edit(bicep, "name: 'gpu-bicep'", "name: 'gpu-bicep' // reviewed");
    git.run("add", "-A");
    assertPassed(git, "bicep comment");
  }

  /** {@code git commit} with the hook installed by pre-commit, or the hook's entry run as pre-commit would. */
  private Run commit(Git git, String message) throws IOException {
    Path project = git.dir();
    Map<String, String> env = Map.of("PRE_COMMIT_HOME", REPO.resolve("target/pre-commit-home").toString());
    if (preCommitInstalled()) {
      if (!Files.exists(project.resolve(".git/hooks/pre-commit"))) {
        Run install = run(project, env, List.of("pre-commit", "install"));
        assertEquals(0, install.exit(), install.output());
      }
      List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", message));
      return run(project, env, cmd);
    }
    if ("1".equals(System.getenv("EXFILGUARD_REQUIRE_PRE_COMMIT"))) throw new AssertionError("pre-commit is not installed");
    System.err.println("HookAndActionTest: pre-commit is not installed; running the hook's entry as pre-commit would");
    JsonNode hook = YAML.readTree(REPO.resolve(".pre-commit-hooks.yaml").toFile()).get(0);
    assertFalse(hook.get("pass_filenames").asBoolean(true), "the hook takes no file names");
    List<String> cmd = new ArrayList<>(List.of(hook.get("entry").asText().split(" ")));
    cmd.set(0, REPO.resolve(cmd.get(0)).toString());
    JsonNode args = YAML.readTree(project.resolve(".pre-commit-config.yaml").toFile()).at("/repos/0/hooks/0/args");
    if (args.isArray()) for (JsonNode a : args) cmd.add(a.asText());
    Run r = run(project, Map.of(), cmd);
    if (r.exit() == 0) git.run("commit", "-q", "-m", message, "--no-verify");
    return r;
  }
}
