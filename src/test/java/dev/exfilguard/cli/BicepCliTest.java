package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.ExpectationMarkers;
import dev.exfilguard.testing.Fixtures;
import dev.exfilguard.testing.Git;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bicep through the real CLI, as a user runs it on a repository that holds only Bicep. */
class BicepCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BICEP = Fixtures.repo().resolve("testdata/bicep");

  @TempDir Path tmp;

  private Path copy(String dir) throws IOException {
    Path to = tmp.resolve("repo");
    SuppressionCliTest.copyTree(BICEP.resolve(dir), to);
    return to;
  }

  /** {@code rule file:line} of each finding. */
  private static List<String> findings(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) {
      out.add(f.get("ruleId").asText() + " " + f.get("file").asText() + ":" + f.get("line").asInt());
    }
    return out;
  }

  @Test
  void aRepositoryOfOnlyBicepIsScannedAndFindingsPointAtTheBicepLines() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("infra"));
    Path fixture = Fixtures.repo().resolve("testdata/rules/compute-public-ip/bicep/bad.bicep");
    Files.copy(fixture, repo.resolve("infra/main.bicep"));
    TreeSet<String> expected = new TreeSet<>();
    for (ExpectationMarkers.Expected e : ExpectationMarkers.read(fixture)) expected.add(e.ruleId() + " infra/main.bicep:" + e.line());
    Result dir = CliProcess.run(repo, "scan", "--format", "json");
    assertEquals(1, dir.exitCode(), dir::toString);
    TreeSet<String> actual = new TreeSet<>(findings(dir));
    actual.removeIf(f -> !f.startsWith("AMLX-02"));
    assertEquals(expected, actual, dir::toString);
    Result named = CliProcess.run(repo, "scan", "infra/main.bicep", "--format", "json");
    assertEquals(findings(dir), findings(named), "naming the file gives what the walk gives");
    Result text = CliProcess.run(repo, "scan", "infra");
    assertTrue(text.stdout().contains("(from param clusterPublicIp default at infra/main.bicep:2)"), text::toString);
  }

  @Test
  void theCompiledJsonBesideItsBicepIsNotReportedTwice() throws Exception {
    Path repo = copy("twin");
    Result r = CliProcess.run(repo, "scan", "--format", "json");
    assertEquals(List.of("AMLX-02 main.bicep:9"), findings(r), r::toString);
    Result text = CliProcess.run(repo, "scan");
    assertTrue(text.stderr().contains("main.json:1:1: note: compiled by Bicep from main.bicep, which is scanned instead"), text::toString);
    // on its own the compiled template is scanned as any ARM template
    Files.delete(repo.resolve("main.bicep"));
    Result json = CliProcess.run(repo, "scan", "--format", "json");
    assertEquals(List.of("AMLX-02 main.json:27"), findings(json), json::toString);
  }

  @Test
  void aModuleIsJudgedAsPartOfItsCallerAndOnItsOwnOnlyWhenNothingUsesIt() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("modules"));
    Files.writeString(repo.resolve("main.bicep"), """
        param publicIp bool = true
        module lab 'modules/lab.bicep' = {
          name: 'lab'
          params: { publicIp: publicIp }
        }
        """);
    String lab = """
        param publicIp bool = false
        resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
          name: 'mlw-lab/ci'
          location: 'westeurope'
          properties: {
            computeType: 'ComputeInstance'
            properties: {
              enableNodePublicIp: publicIp
              subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet') }
            }
          }
        }
        """;
    Files.writeString(repo.resolve("modules/lab.bicep"), lab);
    Files.writeString(repo.resolve("modules/unused.bicep"), lab.replace("mlw-lab/ci", "mlw-unused/ci").replace("= false", "= true"));
    Result r = CliProcess.run(repo, "scan", "--format", "json");
    // lab.bicep with its caller's value (once, not again on its own with its default), unused.bicep on its own
    assertEquals(List.of("AMLX-02 modules/lab.bicep:8", "AMLX-02 modules/unused.bicep:8"), findings(r), r::toString);
    Result text = CliProcess.run(repo, "scan");
    assertTrue(text.stdout().contains("from param publicIp set at main.bicep:4"), text::toString);
  }

  @Test
  void aParametersFileSuppliesTheValuesOfTheTemplateItNames() throws Exception {
    Path repo = copy("params");
    Result r = CliProcess.run(repo, "scan");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("main.bicep:18:7  LOW     AMLX-02"), r::toString);
    assertTrue(r.stdout().contains("(from param publicIp set at main.bicepparam:6)"), r::toString);
    assertTrue(r.stdout().contains("1 finding (1 low) in 2 files"), r::toString);
    // without the parameters file the default (false) applies
    Files.delete(repo.resolve("main.bicepparam"));
    Result alone = CliProcess.run(repo, "scan", "--param", "workspaceName=mlw");
    assertEquals(0, alone.exitCode(), alone::toString);
  }

  @Test
  void commentsAndMetadataSuppress() throws Exception {
    Path repo = copy("suppressions");
    Result r = CliProcess.run(repo, "scan", "--format", "json", "--report-unused-suppressions");
    assertEquals(List.of("AMLX-02 main.bicep:36"), findings(r), r::toString);
    assertEquals(3, JSON.readTree(r.stdout()).get("suppressed").size(), r::toString);
    Result strict = CliProcess.run(repo, "scan", "--format", "json", "--no-inline-suppressions");
    assertEquals(4, findings(strict).size(), strict::toString);
  }

  @Test
  void badFilesAreOneLineEachAndTheRestOfTheScanGoesOn() throws Exception {
    Path repo = copy("twin");
    Files.writeString(repo.resolve("broken.bicep"), "resource r 'A.B/c@1' = {\n  name: 'x'\n");
    Files.write(repo.resolve("binary.bicep"), new byte[] {'p', 'a', 'r', 0, 1, 2});
    try (RandomAccessFile huge = new RandomAccessFile(repo.resolve("huge.bicep").toFile(), "rw")) {
      huge.setLength(65L << 20);
    }
    Files.writeString(repo.resolve("deep.bicep"), "var x = " + "[".repeat(2000) + "]".repeat(2000) + "\n");
    Result r = CliProcess.run(repo, "scan", "--format", "json");
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(List.of("AMLX-02 main.bicep:9"), findings(r), r::toString);
    List<String> errors = r.stderr().lines().filter(l -> l.contains(": error: ")).toList();
    assertEquals(List.of(
        "binary.bicep:1:1: error: binary file, not text",
        "broken.bicep:3:1: error: unexpected end of file: expected a property name",
        "deep.bicep:1:509: error: nesting too deep (limit 500 levels)",
        "huge.bicep:1:1: error: file larger than 64 MiB; not read"), errors, r::toString);
    assertFalse(r.stderr().contains("Exception"), r::toString);
  }

  @Test
  void theHookJudgesAStagedBicepChangeAgainstHead() throws Exception {
    Path repo = copy("twin");
    Files.delete(repo.resolve("main.json"));
    Path main = repo.resolve("main.bicep");
    Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8).replace("= true", "= false"));
    Git git = Git.init(repo);
    git.commitAll("safe");
    Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8).replace("= false", "= true"));
    git.run("add", "main.bicep");
    Result r = CliProcess.run(repo, "scan", "--hook");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("main.bicep:9:7"), r::toString);
    assertFalse(r.stderr().contains("bicep build"), r::toString);
    // the same finding once committed is not the next commit's: a harmless change passes
    git.run("commit", "-q", "-m", "accepted", "--no-verify");
    Files.writeString(main, "// reviewed\n" + Files.readString(main, StandardCharsets.UTF_8));
    git.run("add", "main.bicep");
    Result again = CliProcess.run(repo, "scan", "--hook");
    assertEquals(0, again.exitCode(), again::toString);
  }

  @Test
  void stagedBicepChangesAreScanned() throws Exception {
    Path repo = copy("twin");
    Files.delete(repo.resolve("main.json"));
    Path main = repo.resolve("main.bicep");
    Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8).replace("= true", "= false"));
    Git git = Git.init(repo);
    git.commitAll("safe");
    assertEquals(0, CliProcess.run(repo, "scan", "--staged").exitCode());
    Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8).replace("= false", "= true"));
    git.run("add", "main.bicep");
    Result r = CliProcess.run(repo, "scan", "--staged");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("main.bicep:9:7"), r::toString);
  }

  @Test
  void registryModulesComeFromTheRestoreCacheInTheUsersHome() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    Files.writeString(repo.resolve("main.bicep"), """
        module lab 'br/public:avm/res/ml/lab:1.0.0' = {
          name: 'lab'
          params: { publicIp: true }
        }
        """);
    Result miss = CliProcess.run(repo, Map.of("HOME", tmp.resolve("home").toString()), "scan");
    assertEquals(0, miss.exitCode(), miss::toString);
    assertTrue(miss.stderr().contains("main.bicep:1:1: note: module lab: br/public:avm/res/ml/lab:1.0.0 is not in the local restore cache"),
        miss::toString);
    Path cached = tmp.resolve("home/.bicep/br/mcr.microsoft.com/bicep$avm$res$ml$lab/1.0.0$/main.json");
    Files.createDirectories(cached.getParent());
    Files.writeString(cached, Files.readString(BICEP.resolve("twin/main.json"), StandardCharsets.UTF_8));
    Result hit = CliProcess.run(repo, Map.of("HOME", tmp.resolve("home").toString()), "scan");
    assertEquals(1, hit.exitCode(), hit::toString);
    assertTrue(hit.stdout().contains("(from parameter 'publicIp' set at main.bicep:3)"), hit::toString);
  }

  @Test
  void filesLoadedFromOutsideTheScannedTreeAreNotRead() throws Exception {
    Path repo = copy("loads");
    Result r = CliProcess.run(repo, "scan", "inside");
    assertTrue(r.stderr().contains("inside/main.bicep:4:15: note: loadTextContent('../outside.txt'): outside.txt is outside the scanned tree"),
        r::toString);
  }
}
