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
 * {@code --diff-base} and {@code --staged} on real temporary git repositories, with the real git
 * command: the demo committed on {@code main}, then changed on a branch or in the index.
 */
class GitModesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String NEW_RULE = """

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

  @TempDir Path tmp;
  Path repo;
  Git git;

  @BeforeEach
  void repository() throws IOException {
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), repo);
    git = Git.init(repo);
    git.commitAll("demo");
  }

  private void append(String file, String text) throws IOException {
    Path p = repo.resolve(file);
    Files.writeString(p, Files.readString(p, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
  }

  private static List<String> findings(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) {
      out.add(f.get("ruleId").asText() + " " + f.get("file").asText() + " " + f.get("resource").asText());
    }
    return out;
  }

  // ---------------------------------------------------------------- --diff-base

  @Test
  void diffBaseReportsOnlyWhatTheBranchIntroduced() throws IOException {
    // only the deployment unit the branch touches is judged (the Terraform module, not the ARM
    // template): everything main already has in it is known
    int known = findings(CliProcess.run(repo, "scan", "terraform", "--format", "json")).size();
    assertTrue(known > 0);
    git.run("checkout", "-q", "-b", "feature");
    // an unrelated edit that moves every line, and one new risk
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, "# reviewed\n\n" + Files.readString(tf, StandardCharsets.UTF_8) + NEW_RULE);
    git.commitAll("open a hole");
    Result r = CliProcess.run(repo, "scan", "--diff-base", "main", "--format", "json");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-22 terraform/main.tf azurerm_network_security_rule.new_hole"), findings(r), r::toString);
    assertEquals(known, JSON.readTree(r.stdout()).at("/summary/known").asInt(), r::toString);

    Result text = CliProcess.run(repo, "scan", "--diff-base", "main");
    assertTrue(text.stdout().contains("1 finding (1 high) in 2 files; " + known + " known findings not shown (baseline or diff base)."), text::toString);
  }

  @Test
  void diffBaseUsesTheMergeBaseNotTheTipOfTheOtherBranch() throws IOException {
    git.run("checkout", "-q", "-b", "feature");
    append("terraform/main.tf", NEW_RULE);
    git.commitAll("feature: a hole");
    // main moves on and fixes the studio rule; the feature branch does not have that fix, but it
    // did not introduce the studio rule either
    git.run("checkout", "-q", "main");
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace("AzureFrontDoor.Frontend", "AzureFrontDoor.FirstParty"));
    git.commitAll("main: fix studio");
    git.run("checkout", "-q", "feature");
    Result r = CliProcess.run(repo, "scan", "--diff-base", "main", "--format", "json");
    assertEquals(List.of("AMLX-22 terraform/main.tf azurerm_network_security_rule.new_hole"), findings(r), r::toString);
  }

  @Test
  void diffBaseWithNothingNewExitsZeroAndLeavesTheRepositoryAlone() throws IOException {
    git.run("checkout", "-q", "-b", "feature");
    append("terraform/variables.tf", "\n# just a comment\n");
    git.commitAll("comment");
    String statusBefore = git.run("status", "--porcelain");
    String worktreesBefore = git.run("worktree", "list");
    Result r = CliProcess.run(repo.resolve("terraform"), "scan", "--diff-base", "main");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("No findings in 2 files; 4 known findings not shown"), r::toString);
    assertEquals(statusBefore, git.run("status", "--porcelain"));
    assertEquals(worktreesBefore, git.run("worktree", "list"));
  }

  @Test
  void diffBaseOfANewDirectoryReportsEverythingInIt() throws IOException {
    git.run("checkout", "-q", "-b", "feature");
    SuppressionCliTest.copyTree(repo.resolve("terraform"), repo.resolve("envs/dev"));
    git.commitAll("copy");
    Result r = CliProcess.run(repo, "scan", "envs", "--diff-base", "main", "--format", "json");
    assertEquals(4, findings(r).size(), r::toString);
    assertTrue(findings(r).stream().allMatch(f -> f.contains(" envs/dev/main.tf ")), r::toString);
  }

  @Test
  void unknownDiffBaseIsAnError() {
    Result r = CliProcess.run(repo, "scan", "--diff-base", "no-such-branch");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("exfilguard: unknown revision 'no-such-branch'\n", r.stderr(), r::toString);
  }

  @Test
  void gitModesOutsideARepositoryAreAnError() throws IOException {
    Path plain = tmp.resolve("plain");
    Files.createDirectories(plain);
    Result r = CliProcess.run(plain, "scan", "--staged");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("exfilguard: git rev-parse: not a git repository"), r::toString);
  }

  // ---------------------------------------------------------------- --staged

  @Test
  void stagedScansTheIndexNotTheWorkingTree() throws IOException {
    Result clean = CliProcess.run(repo, "scan", "--staged");
    assertEquals(Main.OK, clean.exitCode(), clean::toString);
    assertTrue(clean.stdout().contains("No findings in 0 files."), "nothing staged: " + clean);

    append("terraform/main.tf", NEW_RULE);
    Result unstaged = CliProcess.run(repo, "scan", "--staged");
    assertEquals(Main.OK, unstaged.exitCode(), "the change is not staged yet: " + unstaged);

    git.run("add", "terraform/main.tf");
    // a later working-tree edit removes the hole again, but the index still has it
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace(NEW_RULE, ""));
    Result staged = CliProcess.run(repo, "scan", "--staged", "--format", "json");
    assertEquals(Main.FINDINGS, staged.exitCode(), staged::toString);
    List<String> f = findings(staged);
    assertTrue(f.contains("AMLX-22 terraform/main.tf azurerm_network_security_rule.new_hole"), f::toString);
    // the whole module is scanned, and only that module: the ARM template was not staged
    assertEquals(5, f.size(), f::toString);
    assertTrue(f.stream().allMatch(x -> x.contains(" terraform/main.tf ")), f::toString);
  }

  @Test
  void stagedVariablesFileStandsForItsModuleAndTextShowsTheIndexLines() throws IOException {
    Files.writeString(repo.resolve("terraform/terraform.tfvars"), "# staged\n");
    git.run("add", "terraform/terraform.tfvars");
    // the studio rule's line in the index (the committed demo)
    List<String> committed = Files.readAllLines(repo.resolve("terraform/main.tf"), StandardCharsets.UTF_8);
    int line = committed.indexOf("  destination_address_prefix  = \"AzureFrontDoor.Frontend\"") + 1;
    assertTrue(line > 0, "demo lacks the studio rule");
    Files.writeString(repo.resolve("terraform/main.tf"), "# working tree only\n" + Files.readString(repo.resolve("terraform/main.tf")));
    Result r = CliProcess.run(repo, "scan", "--staged");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("terraform/main.tf:" + line + ":33  HIGH    AMLX-22"), "index line numbers: " + r);
    assertTrue(r.stdout().contains(" " + line + " |   destination_address_prefix  = \"AzureFrontDoor.Frontend\""), r::toString);
  }

  @Test
  void stagedWithDiffBaseHeadReportsWhatTheCommitWouldAdd() throws IOException {
    append("terraform/main.tf", NEW_RULE);
    git.run("add", "-A");
    Result r = CliProcess.run(repo, "scan", "--staged", "--diff-base", "HEAD", "--format", "json");
    assertEquals(List.of("AMLX-22 terraform/main.tf azurerm_network_security_rule.new_hole"), findings(r), r::toString);
  }

  @Test
  void stagedFromASubdirectoryKeepsPathsRelativeToIt() throws IOException {
    append("terraform/main.tf", NEW_RULE);
    git.run("add", "-A");
    Result r = CliProcess.run(repo.resolve("terraform"), "scan", "--staged", "--format", "json");
    assertTrue(findings(r).contains("AMLX-22 main.tf azurerm_network_security_rule.new_hole"), r::toString);
  }

  @Test
  void temporaryTreesAreRemoved() throws IOException {
    Path scratch = tmp.resolve("scratch");
    Files.createDirectories(scratch);
    append("terraform/main.tf", NEW_RULE);
    git.run("add", "-A");
    Result r = CliProcess.run(repo, java.util.Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + scratch), "scan", "--staged",
        "--diff-base", "HEAD");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList());
    }
  }
}
