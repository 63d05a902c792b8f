package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import dev.exfilguard.testing.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git modes run nothing the scanned repository configures (issue 11 §2): a repository whose
 * {@code .gitattributes} and {@code .git/config} set up a smudge/clean filter, a long-running
 * filter process, a textconv and an external diff driver, an fsmonitor hook, an external diff
 * and a {@code core.hooksPath} full of hooks, each of which leaves a marker file when it runs.
 * Every git mode scans it (with staged, working-tree-only and stat-dirty changes, which is when
 * git would refresh the index and clean files) and no marker appears; then plain git commands
 * run the same programs, which shows the markers would have appeared.
 */
class GitModesRunNothingTest {
  @TempDir Path tmp;
  Path repo;
  Path markers;
  Git git;

  @BeforeEach
  void hostileRepository() throws IOException {
    repo = tmp.resolve("repo");
    markers = tmp.resolve("markers");
    Files.createDirectories(repo);
    Files.createDirectories(markers);
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), repo);
    Files.writeString(repo.resolve(".gitattributes"), "* filter=mark diff=mark\n*.json filter=proc\n");
    git = Git.init(repo);
    git.commitAll("demo, with attributes naming drivers no config defines yet");

    // staged: a new risk; then a working-tree-only edit on top of it
    Path tf = repo.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf) + """

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
        """);
    git.run("add", "terraform/main.tf");
    Files.writeString(tf, Files.readString(tf) + "\n# working tree only\n");
    Path arm = repo.resolve("arm/azuredeploy.json");
    Files.writeString(arm, Files.readString(arm) + "\n");

    // now the programs: each leaves a marker named after itself
    Path mark = tmp.resolve("mark.sh");
    Files.writeString(mark, "#!/bin/sh\ntouch \"" + markers + "/$1\"\n"
        + "case \"$1\" in\n  clean|smudge|pager) exec cat ;;\n  textconv) exec cat \"$2\" ;;\n"
        + "  fsmonitor|process) exit 1 ;;\nesac\nexit 0\n");
    Files.setPosixFilePermissions(mark, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path hooks = tmp.resolve("hooks");
    Files.createDirectories(hooks);
    for (String h : List.of("pre-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc", "post-commit")) {
      Path p = hooks.resolve(h);
      Files.writeString(p, "#!/bin/sh\ntouch \"" + markers + "/hook-" + h + "\"\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    git.run("config", "filter.mark.clean", mark + " clean");
    git.run("config", "filter.mark.smudge", mark + " smudge");
    git.run("config", "filter.mark.required", "true");
    git.run("config", "filter.proc.process", mark + " process");
    git.run("config", "diff.mark.textconv", mark + " textconv");
    git.run("config", "diff.mark.command", mark + " diff-command");
    git.run("config", "diff.external", mark + " diff-external");
    git.run("config", "core.fsmonitor", mark + " fsmonitor");
    git.run("config", "core.hooksPath", hooks.toString());
    git.run("config", "core.pager", mark + " pager");
    // stat-dirty: git would re-read these files through the clean filter to compare them
    for (String f : List.of("terraform/variables.tf", "arm/azuredeploy.json", "terraform/main.tf")) {
      Files.setLastModifiedTime(repo.resolve(f), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    }
  }

  private List<String> markers() throws IOException {
    try (Stream<Path> s = Files.list(markers)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void noGitModeRunsAnythingTheRepositoryConfigures() throws IOException {
    String indexBefore = git.run("-c", "core.fsmonitor=false", "ls-files", "-s");
    List<List<String>> runs = List.of(
        List.of("scan", "--staged"),
        List.of("scan", "--staged", "--diff-base", "HEAD"),
        List.of("scan", "--hook"),
        List.of("scan", "--hook", "--all"),
        List.of("scan", "--diff-base", "main"),
        List.of("scan", "--diff-base", "main", "--all"));
    for (List<String> args : runs) {
      Result r = CliProcess.run(repo, Map.of("GIT_CONFIG_GLOBAL", "/dev/null"), args.toArray(String[]::new));
      assertEquals(Main.FINDINGS, r.exitCode(), args + ": " + r);
      assertTrue(r.stdout().contains("new_hole"), args + " reads the change: " + r);
      assertEquals(List.of(), markers(), args + " ran a program of the repository's: " + r);
    }
    assertEquals(indexBefore, git.run("-c", "core.fsmonitor=false", "ls-files", "-s"), "the index is unchanged");

    // the control: ordinary git commands run what was configured, so the markers above could appear
    Files.writeString(repo.resolve("terraform/variables.tf"), "# changed\n", java.nio.file.StandardOpenOption.APPEND);
    git.run("-c", "core.pager=cat", "diff", "HEAD", "--", "terraform/variables.tf");
    git.run("status", "--porcelain");
    Files.delete(repo.resolve("terraform/variables.tf"));
    git.run("checkout", "--", "terraform/variables.tf");
    List<String> ran = markers();
    for (String m : List.of("clean", "smudge", "fsmonitor")) assertTrue(ran.contains(m), m + " ran under plain git: " + ran);
    assertTrue(ran.contains("textconv") || ran.contains("diff-command") || ran.contains("diff-external"), ran::toString);
    assertTrue(ran.stream().anyMatch(m -> m.startsWith("hook-")), ran::toString);
  }

  @Test
  void aPartialCloneFetchesNoMissingBlob() throws IOException {
    git.run("commit", "-q", "-m", "the hole", "--no-verify");
    git.run("config", "--unset", "core.hooksPath");
    git.run("config", "uploadpack.allowFilter", "true");
    Path clone = tmp.resolve("clone");
    Git.at(tmp).run("-c", "protocol.file.allow=always", "-c", "uploadpack.allowFilter=true", "clone", "-q", "--no-checkout",
        "--filter=blob:none", "file://" + repo, clone.toString());
    Git c = Git.at(clone);
    c.run("config", "protocol.file.allow", "always");
    // the index names the blobs without having them
    c.run("read-tree", "HEAD");
    String missingBefore = c.run("rev-list", "--objects", "--missing=print", "--all");
    assertTrue(missingBefore.lines().anyMatch(l -> l.startsWith("?")), "the clone lacks blobs");
    Result r = CliProcess.run(clone, Map.of("GIT_CONFIG_GLOBAL", "/dev/null"), "scan", "--staged", "--diff-base", "HEAD~1", "--all");
    assertEquals(missingBefore, c.run("rev-list", "--objects", "--missing=print", "--all"), "no blob was fetched: " + r);
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("terraform/main.tf:1:1: error: cannot read: its blob is not in the repository"), r::toString);

    // the control: plain git fetches a missing blob from the promisor remote when asked for it
    String missing = missingBefore.lines().filter(l -> l.startsWith("?")).findFirst().orElseThrow().substring(1);
    c.run("cat-file", "-p", missing);
    assertFalse(c.run("rev-list", "--objects", "--missing=print", "--all").contains("?" + missing));
  }
}
