package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import dev.exfilguard.testing.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each README example, run as a new user would: copied from the README into a copy of the demo,
 * and the command it shows run with the real CLI.
 */
class ReadmeExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;

  @BeforeEach
  void demo() throws IOException {
    try (Stream<Path> s = Files.walk(Fixtures.repo().resolve("testdata/demo"))) {
      Path from = Fixtures.repo().resolve("testdata/demo");
      for (Path p : s.toList()) {
        Path target = tmp.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  /** Runs a README command line ({@code exfilguard scan ...}, comments dropped) in the demo copy. */
  private Result command(String line) {
    String cmd = line.replaceFirst("\\s+#.*$", "").trim();
    List<String> words = new ArrayList<>(Arrays.asList(cmd.split("\\s+")));
    String first = words.remove(0);
    assertTrue(first.equals("exfilguard") || first.equals("bin/exfilguard"), cmd);
    return CliProcess.run(tmp, words.toArray(String[]::new));
  }

  private static List<String> ids(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) out.add(f.get("ruleId").asText() + " " + f.get("file").asText());
    return out;
  }

  @Test
  void suppressionCommentAboveTheResource() throws IOException {
    String example = Readme.block("Suppressions", "hcl", "exfilguard:ignore");
    String[] lines = example.split("\n");
    Path tf = tmp.resolve("terraform/main.tf");
    String s = Files.readString(tf, StandardCharsets.UTF_8);
    assertTrue(s.contains(lines[1]), "the README's resource line is in the demo: " + lines[1]);
    Files.writeString(tf, s.replace(lines[1], example.strip()));
    Result r = CliProcess.run(tmp, "scan", "terraform", "--format", "json", "--report-unused-suppressions");
    assertFalse(ids(r).contains("AMLX-22 terraform/main.tf"), r::toString);
    assertEquals(1, JSON.readTree(r.stdout()).get("suppressed").size(), r::toString);
    assertFalse(ids(r).stream().anyMatch(i -> i.startsWith("EXFG")), r::toString);
  }

  @Test
  void suppressionInArmMetadata() throws IOException {
    String example = Readme.block("Suppressions", "json", "\"exfilguard\"");
    Path arm = tmp.resolve("arm/azuredeploy.json");
    String s = Files.readString(arm, StandardCharsets.UTF_8);
    String anchor = "\"type\": \"Microsoft.Network/networkSecurityGroups\",";
    Files.writeString(arm, s.replace(anchor, anchor + "\n" + example.strip()));
    Result r = CliProcess.run(tmp, "scan", "arm", "--format", "json");
    assertFalse(ids(r).contains("AMLX-22 arm/azuredeploy.json"), r::toString);
    assertEquals("Studio access approved in SEC-7",
        JSON.readTree(r.stdout()).at("/suppressed/0/suppression/reason").asText(), r::toString);
  }

  @Test
  void configFileExample() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), Readme.block("Config file", "yaml", "suppressions:"));
    // the files the example names, as a user would have them
    Files.createDirectories(tmp.resolve("policies"));
    Files.writeString(tmp.resolve("arm/prod.parameters.json"), "{}");
    Result r = CliProcess.run(tmp, "scan", "--format", "json");
    assertEquals(1, r.exitCode(), r::toString);
    List<String> ids = ids(r);
    // AMLX-13 disabled; AMLX-02 raised to high; threshold medium; studio suppressed (AMLX-41 is medium and stays)
    assertEquals(List.of("AMLX-22 arm/azuredeploy.json", "AMLX-12 arm/azuredeploy.json", "AMLX-41 arm/azuredeploy.json",
        "AMLX-02 arm/azuredeploy.json",
        "AMLX-12 terraform/main.tf", "AMLX-02 terraform/main.tf"), ids, r::toString);
    assertEquals(1, JSON.readTree(r.stdout()).get("suppressed").size());
  }

  @Test
  void baselineCommands() throws IOException {
    String[] commands = Readme.block("Baselines", "sh", "--write-baseline").strip().split("\n");
    Result write = command(commands[0]);
    assertEquals(0, write.exitCode(), write::toString);
    Result later = command(commands[1]);
    assertEquals(0, later.exitCode(), later::toString);
    Path tf = tmp.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace("priority                    = 120", "priority                    = 121"));
    assertEquals(0, command(commands[1]).exitCode(), "a changed priority is the same finding");
    Files.writeString(tf, Files.readString(tf).replace("\"studio\"", "\"studio2\""));
    Result renamed = command(commands[1]);
    assertEquals(1, renamed.exitCode(), "a renamed resource is a new finding: " + renamed);
    assertTrue(renamed.stderr().contains("no longer found: AMLX-22 azurerm_network_security_rule.studio "), renamed::toString);
  }

  /**
   * The README's one line that installs the hook without pre-commit, run by sh in the demo's
   * repository with an {@code exfilguard} on the PATH (this build); then real {@code git commit}s.
   */
  @Test
  void plainGitHookLine() throws Exception {
    String line = Readme.block("Pre-commit", "sh", ".git/hooks/pre-commit").strip();
    assertFalse(line.contains("\n"), "one line: " + line);
    Git git = Git.init(tmp);
    git.commitAll("demo");
    Path bin = Files.createDirectories(tmp.resolveSibling(tmp.getFileName() + "-bin"));
    Path launcher = bin.resolve("exfilguard");
    Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
        + System.getProperty("java.class.path") + "' dev.exfilguard.cli.Main \"$@\"\n");
    assertTrue(launcher.toFile().setExecutable(true));
    String path = bin + ":" + System.getenv("PATH");
    Shell install = sh(tmp, path, line);
    assertEquals(0, install.exit(), line + ": " + install.output());
    assertTrue(Files.isExecutable(tmp.resolve(".git/hooks/pre-commit")));

    // an old finding does not block; a new one does
    Path tf = tmp.resolve("terraform/main.tf");
    Files.writeString(tf, Files.readString(tf).replace("AzureFrontDoor.Frontend", "AzureFrontDoor.Frontend\"\n  description = \"x"));
    git.run("add", "-A");
    Shell ok = sh(tmp, path, "git -c user.name=t -c user.email=t@example.invalid commit -q -m edit");
    assertEquals(0, ok.exit(), ok.output());
    Files.writeString(tf, Files.readString(tf) + "\nresource \"azurerm_machine_learning_compute_instance\" \"dev2\" {\n  name = \"ci2\"\n}\n");
    git.run("add", "-A");
    Shell blocked = sh(tmp, path, "git -c user.name=t -c user.email=t@example.invalid commit -q -m dev2");
    String out = blocked.output();
    assertEquals(1, blocked.exit(), out);
    assertTrue(out.contains("AMLX-02") && out.contains("dev2") && !out.contains("AMLX-22"), out);
    assertEquals("edit\n", git.run("log", "--format=%s", "-1"));
  }

  private record Shell(int exit, String output) {}

  private static Shell sh(Path dir, String path, String command) throws Exception {
    Path out = Files.createTempFile("readme-sh", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().put("PATH", path);
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      Process p = pb.start();
      if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish");
      }
      return new Shell(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Test
  void azureDevOpsPipelineWritesTheJunitFileItPublishes() throws Exception {
    JsonNode steps = YAML.readTree(Readme.block("Azure DevOps", "yaml", "PublishTestResults")).get("steps");
    String script = steps.get(0).get("script").asText();
    JsonNode publish = steps.get(1);
    assertEquals("PublishTestResults@2", publish.get("task").asText());
    assertEquals("JUnit", publish.at("/inputs/testResultsFormat").asText());
    assertEquals("succeededOrFailed()", publish.get("condition").asText(), "publish also when the scan fails");
    String file = publish.at("/inputs/testResultsFiles").asText();
    int findings = ids(CliProcess.run(tmp, "scan", ".", "--format", "json")).size();
    assertTrue(findings > 0);
    Result r = command(script.replace(" infra ", " . "));
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(findings + " findings ("), r::toString);
    String xml = Files.readString(tmp.resolve(file));
    // a case per file (3) and built-in rule; each demo finding fails its own case
    int cases = 3 * (int) dev.exfilguard.rules.RuleLoader.builtIn().stream().filter(x -> x.meta().id().startsWith("AMLX-")).count();
    assertTrue(xml.contains("<testsuites name=\"exfilguard\" tests=\"" + cases + "\" failures=\"" + findings + "\""), xml);
  }

  @Test
  void githubWorkflowUsesTheActionWithCodeScanningPermission() throws IOException {
    JsonNode wf = YAML.readTree(Readme.block("GitHub Actions and code scanning", "yaml", "exfilguard/exfilguard@"));
    assertEquals("write", wf.at("/permissions/security-events").asText());
    JsonNode steps = wf.at("/jobs/scan/steps");
    assertTrue(steps.get(1).get("uses").asText().startsWith("exfilguard/exfilguard@"));
    assertEquals(0, steps.get(0).at("/with/fetch-depth").asInt(-1), "diff-base needs history");
    JsonNode action = YAML.readTree(Fixtures.repo().resolve("action.yml").toFile());
    for (var it = steps.get(1).get("with").fieldNames(); it.hasNext(); ) {
      String input = it.next();
      assertTrue(action.at("/inputs").has(input), "the action has input " + input);
    }
  }

  @Test
  void theFirstTwoCommandsAreTheLauncherAndTheTestCommandCiRuns() throws IOException {
    String t = Readme.text();
    String first = t.substring(t.indexOf("```sh\n") + 6, t.indexOf("```", t.indexOf("```sh\n") + 6));
    List<String> commands = first.lines().map(l -> l.replaceFirst("\\s+#.*$", "").trim()).toList();
    assertEquals(List.of("bin/exfilguard scan testdata/demo", "./mvnw -q verify -Poracle"), commands);
    Result demo = command(commands.get(0).replace("testdata/demo", "."));
    assertEquals(1, demo.exitCode(), demo::toString);
    // CI runs the same test command, with mvn taken off the PATH
    String ci = Files.readString(Fixtures.repo().resolve(".ci/run"), StandardCharsets.UTF_8);
    assertTrue(ci.contains("\n.ci/without-mvn ./mvnw -q -B verify -Poracle\n"), ci);
  }

  @Test
  void revAndUsesNameTheTagTheReleaseScriptMakesForThisVersion() throws IOException {
    String pom = Files.readString(Fixtures.repo().resolve("pom.xml"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<revision>(\\d+\\.\\d+\\.\\d+)-SNAPSHOT</revision>").matcher(pom);
    assertTrue(m.find(), "the pom's next release version");
    String tag = "v" + m.group(1);
    JsonNode precommit = YAML.readTree(Readme.block("Pre-commit", "yaml", "repos:"));
    assertEquals(tag, precommit.at("/repos/0/rev").asText());
    JsonNode wf = YAML.readTree(Readme.block("GitHub Actions and code scanning", "yaml", "exfilguard/exfilguard@"));
    assertEquals("exfilguard/exfilguard@" + tag, wf.at("/jobs/scan/steps/1/uses").asText());
    String release = Files.readString(Fixtures.repo().resolve("bin/release"), StandardCharsets.UTF_8);
    assertTrue(release.contains("name=v$version") && release.contains("git tag -a \"$name\""), "bin/release tags vVERSION");
    assertTrue(Readme.text().contains("bin/release 0.1.0".replace("0.1.0", m.group(1))), "the Releases section makes " + tag);
  }
}
