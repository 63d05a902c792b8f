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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line conventions users expect from linters, through the real CLI on a copy of the
 * demo: what fails is separate from what is shown (--fail-on, --soft-fail), rule and path
 * selection, --quiet and --compact, colour by FORCE_COLOR and NO_COLOR, "did you mean", and the
 * command that explains each finding.
 */
class ConventionsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEADER =
      Pattern.compile("^(\\S+):(\\d+):(\\d+)  (HIGH|MEDIUM|LOW|INFO) +((?:AMLX|EXFG)-\\d\\d)  .*$");

  @TempDir Path tmp;

  @BeforeEach
  void copyDemo() throws IOException {
    SuppressionCliTest.copyTree(Fixtures.repo().resolve("testdata/demo"), tmp);
  }

  private Result scan(String... args) {
    return scan(Map.of(), args);
  }

  private Result scan(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("scan"));
    all.addAll(List.of(args));
    return CliProcess.run(tmp, env, all.toArray(String[]::new));
  }

  /** "ruleId severity" of each finding of a JSON report. */
  private static List<String> findings(Result r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(r.stdout()).get("findings")) out.add(f.get("ruleId").asText() + " " + f.get("severity").asText());
    return out;
  }

  private static Set<String> rules(Result r) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (String f : findings(r)) out.add(f.split(" ")[0]);
    return out;
  }

  private static void assertUsageError(Result r, String message, String command) {
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertEquals("", r.stdout(), r::toString);
    assertEquals(List.of("exfilguard: " + message, "Try '" + command + " --help' for usage."), r.stderr().lines().toList(), r::toString);
  }

  // ---------------------------------------------------------------- what fails versus what is shown

  @Test
  void theSeverityThresholdShowsAndFailsByDefault() throws IOException {
    List<String> all = findings(scan("terraform", "--format", "json"));
    assertTrue(all.contains("AMLX-02 low") && all.contains("AMLX-22 high"), all::toString);
    Result medium = scan("terraform", "--format", "json", "--severity-threshold", "medium");
    assertEquals(Main.FINDINGS, medium.exitCode(), medium::toString);
    assertEquals(all.stream().filter(f -> !f.endsWith(" low") && !f.endsWith(" info")).toList(), findings(medium));

    // only the low finding is left: shown at threshold info, so it fails
    Result low = scan("terraform", "--format", "json", "--rule", "AMLX-02");
    assertEquals(List.of("AMLX-02 low"), findings(low), low::toString);
    assertEquals(Main.FINDINGS, low.exitCode(), low::toString);
  }

  @Test
  void failOnDecidesTheExitCodeWhateverIsShown() throws IOException {
    // everything shown, only high fails: the low finding alone passes
    Result lowOnly = scan("terraform", "--format", "json", "--rule", "AMLX-02", "--fail-on", "high");
    assertEquals(List.of("AMLX-02 low"), findings(lowOnly), lowOnly::toString);
    assertEquals(Main.OK, lowOnly.exitCode(), lowOnly::toString);
    Result withHigh = scan("terraform", "--format", "json", "--fail-on", "high");
    assertEquals(Main.FINDINGS, withHigh.exitCode(), withHigh::toString);

    // only high shown, low fails: exit 1, and stderr says why, since the cause is not on screen
    Result hidden = scan("terraform", "--severity-threshold", "high", "--fail-on", "low", "--compact", "--quiet");
    assertEquals(Main.FINDINGS, hidden.exitCode(), hidden::toString);
    assertTrue(hidden.stdout().lines().allMatch(l -> l.contains("  HIGH    AMLX-22  ")), hidden::toString);
    long below = findings(scan("terraform", "--format", "json")).stream().filter(f -> !f.endsWith(" high")).count();
    assertEquals("exfilguard: " + below + " findings below the severity threshold high fail the scan (--fail-on low)"
        + " but are not shown\n", hidden.stderr(), hidden::toString);

    Result none = scan("terraform", "--fail-on", "none");
    assertEquals(Main.OK, none.exitCode(), none::toString);
    assertTrue(none.stdout().contains("AMLX-22"), none::toString);
  }

  @Test
  void softFailNeverFailsOnFindingsButStillFailsOnInputErrors() throws IOException {
    Result soft = scan("--soft-fail");
    assertEquals(Main.OK, soft.exitCode(), soft::toString);
    assertTrue(soft.stdout().contains("AMLX-22"), soft::toString);

    Files.writeString(tmp.resolve("terraform/broken.tf"), "resource \"a\" \"b\" {\n");
    Result broken = scan("--soft-fail");
    assertEquals(Main.ERROR, broken.exitCode(), broken::toString);
    assertTrue(broken.stderr().contains("terraform/broken.tf:"), broken::toString);

    assertUsageError(scan("--soft-fail", "--fail-on", "high"), "--soft-fail and --fail-on exclude each other", "exfilguard scan");
    assertUsageError(scan("--fail-on", "critical"), "invalid --fail-on 'critical': use high, medium, low, info or none",
        "exfilguard scan");
  }

  @Test
  void configFailOnAppliesAndTheCommandLineWins() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), "fail-on: none\n");
    Result config = scan("terraform");
    assertEquals(Main.OK, config.exitCode(), config::toString);
    assertTrue(config.stdout().contains("AMLX-22"), config::toString);
    Result cli = scan("terraform", "--fail-on", "high");
    assertEquals(Main.FINDINGS, cli.exitCode(), cli::toString);

    Files.writeString(tmp.resolve(".exfilguard.yaml"), "severity-threshold: high\nfail-on: sometimes\n");
    Result bad = scan("terraform");
    assertEquals(Main.ERROR, bad.exitCode(), bad::toString);
    assertEquals(".exfilguard.yaml:2:10: error: 'fail-on' must be one of high, medium, low, info, none\n", bad.stderr(), bad::toString);
  }

  // ---------------------------------------------------------------- rules and paths

  @Test
  void ruleAndSkipRuleTakeIdsNamesAndGlobs() throws IOException {
    Set<String> all = rules(scan("--format", "json"));
    Set<String> twenties = rules(scan("--format", "json", "--rule", "AMLX-2*"));
    assertFalse(twenties.isEmpty());
    assertTrue(twenties.stream().allMatch(id -> id.startsWith("AMLX-2")), twenties::toString);
    assertEquals(all.stream().filter(id -> id.startsWith("AMLX-2")).toList(), List.copyOf(twenties));

    assertEquals(Set.of("AMLX-22"), rules(scan("--format", "json", "--rule", "nsg-frontdoor-egress")));
    assertEquals(Set.of("AMLX-22", "AMLX-02"), rules(scan("--format", "json", "--rule", "amlx-22", "--rule", "AMLX-02")));

    Set<String> skipped = rules(scan("--format", "json", "--skip-rule", "AMLX-2?", "--skip-rule", "compute-public-ip"));
    Set<String> expected = new LinkedHashSet<>(all);
    expected.removeIf(id -> id.startsWith("AMLX-2") || id.equals("AMLX-02"));
    assertEquals(expected, skipped);
  }

  @Test
  void aRuleThatMatchesNothingIsAUsageError() {
    assertUsageError(scan("--rule", "AMLX-99"), "--rule 'AMLX-99' matches no rule ('exfilguard rules list' shows them)",
        "exfilguard scan");
    assertUsageError(scan("--skip-rule", "nsg-frontdoor-egres"),
        "--skip-rule 'nsg-frontdoor-egres' matches no rule; did you mean 'nsg-frontdoor-egress'? ('exfilguard rules list'"
            + " shows them)", "exfilguard scan");
  }

  @Test
  void ruleWinsOverTheConfigFilesDisableAndUnusedSuppressionsOfRulesNotRunAreNotReported() throws IOException {
    Files.writeString(tmp.resolve(".exfilguard.yaml"), """
        rules:
          disable: [AMLX-22]
        suppressions:
          - rule: AMLX-12
            path: "terraform/**"
            reason: "accepted in SEC-9"
        """);
    assertFalse(rules(scan("--format", "json")).contains("AMLX-22"));
    Result r = scan("--format", "json", "--rule", "AMLX-22", "--report-unused-suppressions");
    // the AMLX-12 suppression cannot match anything when AMLX-12 does not run: not "unused"
    assertEquals(Set.of("AMLX-22"), rules(r), r::toString);
    Result all = scan("--format", "json", "--report-unused-suppressions", "--skip-rule", "AMLX-12");
    assertFalse(rules(all).contains("EXFG-02"), all::toString);
    Result used = scan("--format", "json", "--report-unused-suppressions");
    assertFalse(rules(used).contains("EXFG-02"), used::toString);
    assertEquals(1, JSON.readTree(used.stdout()).get("suppressed").size(), used::toString);
  }

  @Test
  void skipPathLeavesOutFilesWithTheConfigFilesGlobs() throws IOException {
    Result noArm = scan("--format", "json", "--skip-path", "arm");
    assertTrue(findings(noArm).size() > 0);
    for (JsonNode f : JSON.readTree(noArm.stdout()).get("findings")) assertTrue(f.get("file").asText().startsWith("terraform/"), noArm::toString);
    Result noTf = scan("--format", "json", "--skip-path", "**/*.tf");
    for (JsonNode f : JSON.readTree(noTf.stdout()).get("findings")) assertTrue(f.get("file").asText().startsWith("arm/"), noTf::toString);
    Result both = scan("--skip-path", "arm/**", "--skip-path", "terraform");
    assertEquals(Main.OK, both.exitCode(), both::toString);
    assertEquals("No findings in 0 files.\n", both.stdout(), both::toString);
  }

  // ---------------------------------------------------------------- output shape

  @Test
  void compactIsOneLinePerFindingAndQuietDropsTheSummary() throws IOException {
    int n = findings(scan("--format", "json")).size();
    Result compact = scan("--compact");
    List<String> lines = compact.stdout().lines().toList();
    assertEquals(n + 2, lines.size(), compact::toString);
    for (String l : lines.subList(0, n)) assertTrue(HEADER.matcher(l).matches(), l);
    assertEquals("", lines.get(n));
    assertTrue(lines.get(n + 1).startsWith(n + " findings ("), compact::toString);

    Result quiet = scan("--compact", "-q");
    assertEquals(lines.subList(0, n), quiet.stdout().lines().toList(), quiet::toString);
    assertEquals(Main.FINDINGS, quiet.exitCode());
    Result quietFull = scan("--quiet");
    assertFalse(quietFull.stdout().contains(" findings ("), quietFull::toString);
    assertTrue(quietFull.stdout().contains(" | "), "the source lines stay: " + quietFull);
  }

  @Test
  void eachFindingEndsWithTheCommandThatExplainsItAndThatCommandWorks() {
    Result r = scan();
    List<String> lines = r.stdout().lines().toList();
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = HEADER.matcher(lines.get(i));
      if (!m.matches()) continue;
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).isEmpty()) end++;
      assertEquals("  help: exfilguard rules explain " + m.group(5), lines.get(end - 1), lines.get(i));
      checked++;
    }
    assertTrue(checked > 0, r::toString);
    Result explain = CliProcess.run(tmp, "rules", "explain", "AMLX-22");
    assertEquals(Main.OK, explain.exitCode(), explain::toString);
    assertTrue(explain.stdout().startsWith("AMLX-22  "), explain::toString);
    Result tool = CliProcess.run(tmp, "rules", "explain", "EXFG-01");
    assertEquals(Main.OK, tool.exitCode(), tool::toString);
    assertTrue(tool.stdout().startsWith("EXFG-01  A suppression has no reason"), tool::toString);
  }

  @Test
  void theExplainCommandAlsoKnowsTheConfigFilesCustomRules() throws IOException {
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
    Result r = scan("--rule", "AMLX-90");
    assertTrue(r.stdout().contains("  help: exfilguard rules explain AMLX-90\n"), r::toString);
    Result explain = CliProcess.run(tmp, "rules", "explain", "AMLX-90");
    assertEquals(Main.OK, explain.exitCode(), explain::toString);
    assertTrue(explain.stdout().startsWith("AMLX-90  Every virtual network, for a test\n"), explain::toString);
    assertTrue(CliProcess.run(tmp, "rules", "list").stdout().contains("AMLX-90 "));
  }

  @Test
  void colourFollowsForceColorAndNoColor() {
    String esc = "\u001b[";
    // standard output is a file here, not a terminal: no colour unless forced
    assertFalse(scan().stdout().contains(esc));
    assertTrue(scan(Map.of("FORCE_COLOR", "1")).stdout().contains(esc));
    assertTrue(scan(Map.of("FORCE_COLOR", "0")).stdout().contains(esc), "any value that is not empty forces colour");
    assertFalse(scan(Map.of("FORCE_COLOR", "")).stdout().contains(esc), "an empty FORCE_COLOR does nothing");
    assertTrue(scan(Map.of("FORCE_COLOR", "1", "NO_COLOR", "")).stdout().contains(esc), "an empty NO_COLOR does nothing");
    assertFalse(scan(Map.of("FORCE_COLOR", "1"), "--no-color").stdout().contains(esc), "the option wins");
    Result json = scan(Map.of("FORCE_COLOR", "1"), "--format", "json");
    assertFalse(json.stdout().contains(esc), "machine formats never get colour");
    Path file = tmp.resolve("out.txt");
    scan(Map.of("FORCE_COLOR", "1"), "--format", "text=" + file);
    try {
      assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains(esc), "nor do files");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- usage errors

  @Test
  void mistypedCommandsAndOptionsGetADidYouMean() {
    assertUsageError(CliProcess.run(tmp, "scna"), "unknown command 'scna'; did you mean 'exfilguard scan'?", "exfilguard");
    assertUsageError(scan("--fial-on", "high"), "unknown option '--fial-on'; did you mean '--fail-on'?", "exfilguard scan");
    assertUsageError(scan("--skip-rules", "x"), "unknown option '--skip-rules'; did you mean '--skip-rule'?", "exfilguard scan");
    assertUsageError(scan("--sev", "high"), "unknown option '--sev'; did you mean '--severity-threshold'?", "exfilguard scan");
    assertUsageError(CliProcess.run(tmp, "rules", "lsit"), "unknown command 'lsit'; did you mean 'exfilguard rules list'?",
        "exfilguard rules");
    assertUsageError(scan("--bogus"), "unknown option '--bogus'", "exfilguard scan");
  }

  @Test
  void outputWithEveryFormatInAFileIsAUsageError() {
    assertUsageError(scan("-o", "report.txt", "--format", "json=a.json", "--format", "sarif=b.sarif"),
        "--output report.txt is not used: every --format names its own file", "exfilguard scan");
    assertFalse(Files.exists(tmp.resolve("a.json")), "nothing is written after a usage error");
  }

  @Test
  void helpListsTheNewOptions() {
    Result r = CliProcess.run(tmp, "scan", "--help");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    for (String o : List.of("--fail-on", "--soft-fail", "--rule", "--skip-rule", "--skip-path", "--quiet", "--compact",
        "--sarif-root", "FORCE_COLOR")) {
      assertTrue(r.stdout().contains(o), o + "\n" + r);
    }
  }
}
