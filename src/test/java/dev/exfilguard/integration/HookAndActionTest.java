package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  private Git demoRepository() throws IOException {
    Path repo = tmp.resolve("project");
    Path from = REPO.resolve("testdata/demo/terraform");
    Files.createDirectories(repo.resolve("infra"));
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) Files.copy(p, repo.resolve("infra").resolve(p.getFileName().toString()));
    }
    Files.writeString(repo.resolve("package.json"), "{\"name\": \"not a template\"}\n");
    Git git = Git.init(repo);
    git.commitAll("infra without findings yet");
    return git;
  }

  @Test
  void hookManifestIsWhatTheReadmeAndDesignSay() throws IOException {
    JsonNode hooks = YAML.readTree(REPO.resolve(".pre-commit-hooks.yaml").toFile());
    assertEquals(1, hooks.size());
    JsonNode h = hooks.get(0);
    assertEquals("exfilguard", h.get("id").asText());
    assertEquals("script", h.get("language").asText());
    assertTrue(h.get("entry").asText().startsWith("bin/exfilguard scan"));
    Pattern files = Pattern.compile(h.get("files").asText());
    for (String f : List.of("main.tf", "a/terraform.tfvars", "azuredeploy.json", "main.bicep", "main.bicepparam")) assertTrue(files.matcher(f).find(), f);
    for (String f : List.of("main.tf.bak", "README.md", "x.yaml")) assertFalse(files.matcher(f).find(), f);
  }

  @Test
  void preCommitHookBlocksACommitThatAddsARiskAndPassesOtherwise() throws IOException {
    Git git = demoRepository();
    Path project = git.dir();
    String rev = Git.at(REPO).run("rev-parse", "HEAD").trim();
    String config = Readme.block("Pre-commit", "yaml", "repos:")
        .replace("https://github.com/exfilguard/exfilguard", REPO.toString()).replace("v0.1.0", rev);
    Files.writeString(project.resolve(".pre-commit-config.yaml"), config);
    git.run("add", ".pre-commit-config.yaml");
    git.run("commit", "-q", "-m", "pre-commit config", "--no-verify");

    // a change to package.json alone: the hook runs on it (.json) and passes quietly
    Files.writeString(project.resolve("package.json"), "{\"name\": \"still not a template\"}\n");
    git.run("add", "package.json");
    Run clean = commit(git, "touch package.json");
    assertEquals(0, clean.exit(), clean.output());

    // the demo's Front Door rule in a changed file: the commit is refused
    Path tf = project.resolve("infra/main.tf");
    int studioLine = Files.readAllLines(tf).indexOf("  destination_address_prefix  = \"AzureFrontDoor.Frontend\"") + 1;
    assertTrue(studioLine > 0, "the demo lacks its Front Door rule");
    Files.writeString(tf, Files.readString(tf) + "\n");
    git.run("add", "infra/main.tf");
    Run blocked = commit(git, "a risky change");
    assertNotEquals(0, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains("infra/main.tf:" + studioLine + ":33  HIGH    AMLX-22"), blocked.output());
    assertEquals("", git.run("log", "--format=%s", "-1", "--grep=a risky change"), "the commit was not made");

    // accepted with a reason: the commit goes through
    Files.writeString(tf, Files.readString(tf).replace("resource \"azurerm_network_security_rule\" \"studio\" {",
        "# exfilguard:ignore AMLX-22 demo, accepted\nresource \"azurerm_network_security_rule\" \"studio\" {")
        .replace("resource \"azurerm_subnet_service_endpoint_storage_policy\"", "# exfilguard:ignore AMLX-12 demo\nresource \"azurerm_subnet_service_endpoint_storage_policy\"")
        .replace("    service_resources", "    # exfilguard:ignore AMLX-13 demo\n    service_resources")
        .replace("resource \"azurerm_machine_learning_compute_instance\"", "# exfilguard:ignore AMLX-02 demo\nresource \"azurerm_machine_learning_compute_instance\""));
    git.run("add", "infra/main.tf");
    Run accepted = commit(git, "accepted");
    assertEquals(0, accepted.exit(), accepted.output());
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
    Pattern files = Pattern.compile(hook.get("files").asText());
    List<String> cmd = new ArrayList<>(List.of(hook.get("entry").asText().split(" ")));
    cmd.set(0, REPO.resolve(cmd.get(0)).toString());
    int named = 0;
    for (String f : git.run("diff", "--cached", "--name-only", "--diff-filter=ACMR").split("\n")) {
      if (!f.isBlank() && files.matcher(f).find()) {
        cmd.add(f);
        named++;
      }
    }
    Run r = named == 0 ? new Run(0, "(no files)") : run(project, Map.of(), cmd);
    if (r.exit() == 0) git.run("commit", "-q", "-m", message, "--no-verify");
    return r;
  }
}
