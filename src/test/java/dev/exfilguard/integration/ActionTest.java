package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.exfilguard.report.SarifChecks;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite action ({@code action.yml}): its steps as GitHub declares them, and its scripts
 * run with bash as the runner runs them, with the runner's environment variables and the inputs'
 * defaults.
 */
class ActionTest {
  private static final Path REPO = Fixtures.repo();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  JsonNode action;
  Path workspace;

  record Run(int exit, String output) {}

  @BeforeEach
  void read() throws IOException {
    action = YAML.readTree(REPO.resolve("action.yml").toFile());
    workspace = Files.createDirectories(tmp.resolve("workspace"));
    copy(REPO.resolve("testdata/demo"), workspace);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  private JsonNode step(String idOrUses) {
    for (JsonNode s : action.at("/runs/steps")) {
      if (s.path("id").asText().equals(idOrUses) || s.path("uses").asText().startsWith(idOrUses + "@")) return s;
    }
    throw new AssertionError("action.yml has no step " + idOrUses);
  }

  /** Runs a step's script with bash in the workspace; {@code inputs} override the defaults. */
  private Run runStep(JsonNode step, Path actionPath, Map<String, String> inputs) throws IOException, InterruptedException {
    Path script = tmp.resolve("step.sh");
    Files.writeString(script, step.get("run").asText());
    Map<String, String> env = new HashMap<>();
    for (var it = step.path("env").fields(); it.hasNext(); ) {
      var e = it.next();
      String expr = e.getValue().asText();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\$\\{\\{ inputs\\.([\\w-]+) }}$").matcher(expr);
      if (m.matches()) env.put(e.getKey(), inputs.getOrDefault(m.group(1), action.at("/inputs/" + m.group(1) + "/default").asText()));
      else env.put(e.getKey(), "");
    }
    env.put("GITHUB_ACTION_PATH", actionPath.toString());
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("GITHUB_OUTPUT", tmp.resolve("github_output").toString());
    env.put("RUNNER_OS", "Linux");
    Files.writeString(tmp.resolve("github_output"), "");
    Path out = tmp.resolve("step.out");
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", script.toString()).directory(workspace.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().remove("NO_COLOR");
    pb.environment().putAll(env);
    Process p = pb.start();
    // a hang guard only: the first run may build the jar with Maven
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("step did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private String output(String name) throws IOException {
    for (String l : Files.readAllLines(tmp.resolve("github_output"))) if (l.startsWith(name + "=")) return l.substring(name.length() + 1);
    throw new AssertionError("no output " + name);
  }

  @Test
  void stepsPinCurrentMajorsAndNoCacheIsKeyedOnFilesOutsideTheWorkspace() {
    // the current major versions (setup-java v6 of 2026-08, codeql-action v4, cache v6)
    assertEquals("actions/setup-java@v6", step("actions/setup-java").get("uses").asText());
    assertEquals("github/codeql-action/upload-sarif@v4", step("github/codeql-action/upload-sarif").get("uses").asText());
    assertEquals("actions/cache@v6", step("actions/cache").get("uses").asText());
    // setup-java's Maven cache hashes files in the workspace only; the action's pom.xml is not there
    JsonNode java = step("actions/setup-java").get("with");
    assertFalse(java.has("cache") || java.has("cache-dependency-path"), java::toString);
    JsonNode cache = step("jar-cache").get("with");
    assertEquals("${{ steps.jar-key.outputs.key }}", cache.get("key").asText());
    for (String p : cache.get("path").asText().strip().split("\n")) assertTrue(p.startsWith("${{ github.action_path }}/target/"), p);
    List<String> order = new java.util.ArrayList<>();
    for (JsonNode s : action.at("/runs/steps")) order.add(s.path("id").asText(s.path("uses").asText()));
    assertTrue(order.indexOf("jar-key") < order.indexOf("jar-cache") && order.indexOf("jar-cache") < order.indexOf("scan"), order::toString);
    assertTrue(step("github/codeql-action/upload-sarif").get("if").asText().contains("inputs.upload-sarif == 'true'"));
  }

  @Test
  void theJarIsCachedByTheActionsOwnSources() throws Exception {
    JsonNode key = step("jar-key");
    Path copy = tmp.resolve("action copy");
    for (String d : List.of("src/main", "rules", ".mvn")) copy(REPO.resolve(d), Files.createDirectories(copy.resolve(d)));
    Files.copy(REPO.resolve("pom.xml"), copy.resolve("pom.xml"));
    Run here = runStep(key, REPO, Map.of());
    assertEquals(0, here.exit(), here.output());
    String k = output("key");
    assertTrue(k.matches("exfilguard-jar-Linux-[0-9a-f]{32}"), k);
    // the same sources anywhere give the same key (the runner unpacks the action elsewhere)
    runStep(key, copy, Map.of());
    assertEquals(k, output("key"));
    Path rule = copy.resolve("rules/nsg-frontdoor-egress.yaml");
    Files.writeString(rule, Files.readString(rule) + "\n");
    runStep(key, copy, Map.of());
    assertNotEquals(k, output("key"), "a changed rule is a new jar");
  }

  @Test
  void scanStepWritesSarifAndTextAndReportsTheExitCode() throws Exception {
    CliProcess.Result plain = CliProcess.run(workspace, "scan", "--format", "json");
    int findings = JSON.readTree(plain.stdout()).get("findings").size();
    String summary = CliProcess.run(workspace, "scan").stdout().lines().reduce((a, b) -> b).orElse("");
    assertTrue(findings > 0 && summary.startsWith(findings + " findings ("), plain::toString);

    Run r = runStep(step("scan"), REPO, Map.of());
    assertEquals(0, r.exit(), "findings do not fail this step (a later one decides): " + r.output());
    assertTrue(r.output().contains(summary), summary + "\n" + r.output());
    assertEquals("1", output("exit-code"));
    JsonNode sarif = JSON.readTree(workspace.resolve("exfilguard.sarif").toFile());
    assertEquals("", SarifChecks.violations(sarif));
    assertEquals(findings, sarif.at("/runs/0/results").size());
  }

  @Test
  void pathIsAListOfLinesOrOfWordsAndALineKeepsItsSpaces() throws Exception {
    Files.move(workspace.resolve("arm"), workspace.resolve("arm templates"));
    Files.createDirectories(workspace.resolve("ignored"));
    copy(REPO.resolve("testdata/rules/compute-public-ip/terraform"), workspace.resolve("ignored"));

    Run lines = runStep(step("scan"), REPO, Map.of("path", "arm templates\n  terraform  \n\n"));
    assertEquals(0, lines.exit(), lines.output());
    assertEquals(new TreeSet<>(List.of("arm%20templates/azuredeploy.json", "terraform/main.tf")), files(), lines.output());

    Run words = runStep(step("scan"), REPO, Map.of("path", "terraform ignored"));
    assertEquals(0, words.exit(), words.output());
    assertEquals("1", output("exit-code"));
    assertTrue(files().contains("terraform/main.tf") && files().stream().anyMatch(f -> f.startsWith("ignored/")), files()::toString);

    Run missing = runStep(step("scan"), REPO, Map.of("path", "arm templates"));
    assertEquals(2, missing.exit(), "one line without a newline is split on spaces: " + missing.output());
    assertTrue(missing.output().contains("arm:1:1: error: no such file or directory"), missing.output());
  }

  /** The result files of the SARIF report, relative to the workspace. */
  private TreeSet<String> files() throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode r : JSON.readTree(workspace.resolve("exfilguard.sarif").toFile()).at("/runs/0/results")) {
      out.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    }
    return out;
  }
}
