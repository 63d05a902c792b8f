package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bombs cannot crash, hang or exhaust the scanner: each ends in seconds, in the heap the
 * launcher gives (the JVM runs here with {@code -Xmx512m}, half of it), with a note naming the
 * limit at the expression's position, and the other input's finding in the same scan is kept.
 */
class HostileEvaluationCliTest {
  /** A hang guard far above the seconds each case takes; the measured times are in the report. */
  private static final long SECONDS = 50;
  private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final String SCHEMA = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"";

  @TempDir Path tmp;

  @BeforeEach
  void kept() throws IOException {
    Files.createDirectories(tmp.resolve("good"));
    Files.writeString(tmp.resolve("good/main.tf"), "resource \"azurerm_machine_learning_workspace\" \"kept\" {\n"
        + "  name                    = \"mlw-kept\"\n  location                = \"westeurope\"\n  resource_group_name     = \"rg\"\n"
        + "  application_insights_id = \"a\"\n  key_vault_id            = \"k\"\n  storage_account_id      = \"s\"\n"
        + "  identity {\n    type = \"SystemAssigned\"\n  }\n}\n");
  }

  private Result scan(String... paths) {
    long t0 = System.nanoTime();
    List<String> args = new ArrayList<>(List.of("scan", "good"));
    args.addAll(List.of(paths));
    Result r = CliProcess.run(tmp, Map.of(), JVM, args.toArray(String[]::new));
    long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertTrue(s < SECONDS, "took " + s + " s\n" + r);
    assertFalse(r.stderr().contains("Exception") || r.stderr().contains("Error:") || r.stderr().contains("\tat "), r::toString);
    assertTrue(r.stdout().contains("good/main.tf:1:1") && r.stdout().contains("mlw-kept"), "the other finding is kept\n" + r);
    return r;
  }

  private static void noted(Result r, String where, String what) {
    assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(where) && l.contains(": note: ") && l.contains(what)),
        "note at " + where + " saying '" + what + "'\n" + r.stderr());
  }

  private Path arm(String name, String body) throws IOException {
    Files.createDirectories(tmp.resolve("arm"));
    return Files.writeString(tmp.resolve("arm/" + name), "{" + SCHEMA + ",\n" + body + "}\n");
  }

  private static String resource(String name, String properties) {
    return "\"resources\": [{\"type\": \"Microsoft.Network/publicIPAddresses\", \"apiVersion\": \"2024-05-01\", \"name\": \"" + name
        + "\", \"properties\": {\"x\": \"" + properties + "\"}}]";
  }

  private Path tf(String dir, String text) throws IOException {
    Files.createDirectories(tmp.resolve(dir));
    return Files.writeString(tmp.resolve(dir + "/main.tf"), text);
  }

  // ---------------------------------------------------------------- ARM

  @Test
  void deepIndexAndMemberChainsAreBoundedNotAStackOverflow() throws IOException {
    arm("index.json", resource("ix", "[createArray(1)" + "[0]".repeat(100_000) + "]"));
    arm("member.json", resource("mb", "[json('{}')" + ".a".repeat(100_000) + "]"));
    Result r = scan("arm");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "arm/index.json:2:", "evaluation nested deeper than 1000 levels");
    noted(r, "arm/member.json:2:", "evaluation nested deeper than 1000 levels");
  }

  @Test
  void aChainOfVariablesEachNamingTheNextIsBounded() throws IOException {
    StringBuilder vars = new StringBuilder("\"variables\": {\"v0\": \"end\"");
    for (int i = 1; i <= 4000; i++) vars.append(", \"v").append(i).append("\": \"[variables('v").append(i - 1).append("')]\"");
    arm("chain.json", vars + "}, " + resource("chain", "[variables('v4000')]"));
    Result r = scan("arm");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "arm/chain.json:", "evaluation nested deeper than 1000 levels");
  }

  @Test
  void objectsThatDoubleThroughSharedPartsStopAtTheSizeLimit() throws IOException {
    StringBuilder vars = new StringBuilder("\"variables\": {\"o0\": \"x\"");
    for (int i = 1; i <= 60; i++) {
      vars.append(", \"o").append(i).append("\": \"[createObject('l', variables('o").append(i - 1).append("'), 'r', variables('o")
          .append(i - 1).append("'))]\"");
    }
    arm("double.json", vars + "}, " + resource("double", "[variables('o60')]"));
    Result r = scan("arm");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "arm/double.json:", "a value of more than 250000 nodes");
  }

  @Test
  void anExpressionThatDoesNotParseIsAnErrorAtItsPosition() throws IOException {
    arm("syntax.json", "\"parameters\": {\"x\": {\"type\": \"string\", \"defaultValue\": \"a\"}},\n"
        + resource("syntax", "[parameters('x'))]"));
    arm("nested.json", resource("nested", "[" + "concat(".repeat(250) + "'a'" + ")".repeat(250) + "]"));
    Result r = scan("arm");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("arm/syntax.json:3:") && r.stderr().contains("error: cannot parse expression: unexpected ')' at character 17"),
        r::toString);
    noted(r, "arm/nested.json:2:", "nested more than 200 levels");
  }

  // ---------------------------------------------------------------- Terraform

  @Test
  void stringsAndListsThatDoubleThroughLocalsStopAtTheLimits() throws IOException {
    StringBuilder s = new StringBuilder("locals {\n  s0 = \"xxxxxxxxxxxxxxxx\"\n  l0 = [1, 2, 3, 4]\n  j0 = \"x\"\n");
    for (int i = 1; i <= 30; i++) s.append("  s").append(i).append(" = \"${local.s").append(i - 1).append("}${local.s").append(i - 1).append("}\"\n");
    for (int i = 1; i <= 25; i++) s.append("  l").append(i).append(" = concat(local.l").append(i - 1).append(", local.l").append(i - 1).append(")\n");
    for (int i = 1; i <= 20; i++) s.append("  j").append(i).append(" = jsonencode([local.j").append(i - 1).append(", local.j").append(i - 1).append("])\n");
    s.append("  n0 = [1]\n");
    for (int i = 1; i <= 25; i++) s.append("  n").append(i).append(" = [local.n").append(i - 1).append(", local.n").append(i - 1).append("]\n");
    s.append("}\n");
    s.append("resource \"azurerm_network_security_group\" \"s\" {\n  name = local.s30\n  tags = { l = length(local.l25), j = local.j20, n = jsonencode(local.n25) }\n}\n");
    tf("double", s.toString());
    Result r = scan("double");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "double/main.tf:", "a string longer than 4194304 characters is not built");
    noted(r, "double/main.tf:", "a collection of more than 100000 items is not built");
    noted(r, "double/main.tf:", "a value of more than 250000 nodes");
  }

  @Test
  void formatWidthsAndSetproductAreCheckedBeforeBuilding() throws IOException {
    tf("format", "locals {\n  a = format(\"%2000000000s\", \"x\")\n  b = format(\"%01000000000d\", 1)\n"
        + "  c = setproduct(range(1000), range(1000), range(1000))\n  d = \"${1e999999999}\"\n}\n"
        + "resource \"azurerm_network_security_group\" \"f\" {\n  name = \"${local.a}${local.b}${length(local.c)}${local.d}\"\n}\n");
    Result r = scan("format");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "format/main.tf:2:", "a string longer than 4194304 characters is not built");
    noted(r, "format/main.tf:4:", "a collection of more than 100000 items is not built");
  }

  @Test
  void terraformsOwnLimitsAndSelfReferencesAreNoted() throws IOException {
    tf("limits", "variable \"me\" {\n  default = var.me\n}\n"
        + "locals {\n  big = range(10000000)\n  keys = { for p in setproduct(range(50), range(40)) : \"${p[0]}-${p[1]}\" => p }\n  p = pow(10, 400)\n}\n"
        + "resource \"azurerm_network_security_group\" \"c\" {\n  count = 1000000000000\n  name  = \"pip-${count.index}\"\n}\n"
        + "resource \"azurerm_network_security_group\" \"e\" {\n  for_each = local.keys\n  name     = each.key\n}\n"
        + "resource \"azurerm_network_security_group\" \"v\" {\n  name = \"${var.me}-${length(local.big)}-${local.p}\"\n}\n");
    Result r = scan("limits");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "limits/main.tf:2:", "variable 'me' default is not a constant value");
    noted(r, "limits/main.tf:5:9", "range() would make more than 1024 elements");
    noted(r, "limits/main.tf:7:", "pow() result out of range");
    noted(r, "limits/main.tf:10:", "count gives 1000000000000 instances, more than the 1000 exfilguard reads");
    noted(r, "limits/main.tf:14:", "for_each gives 2000 instances");
  }

  @Test
  void moduleFanOutStopsAtTheTotalInstanceLimit() throws IOException {
    int[] fan = {100, 10, 100, 10, 100, 100};
    for (int level = 0; level < fan.length; level++) {
      String body = level + 1 < fan.length
          ? "module \"m\" {\n  source = \"../l" + (level + 1) + "\"\n  count  = " + fan[level + 1] + "\n}\n"
          : "resource \"azurerm_network_security_group\" \"p\" {\n  name = \"pip\"\n}\n";
      tf("fan/l" + level, body);
    }
    tf("fan/root", "module \"m\" {\n  source = \"../l0\"\n  count  = " + fan[0] + "\n}\n");
    Result r = scan("fan/root", "fan");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "fan/", "more than 20000 resource and module instances in this deployment unit");
  }

  @Test
  void numbersThatSquareThroughLocalsAreRoundedAsTerraformRoundsThem() throws IOException {
    StringBuilder s = new StringBuilder("locals {\n  a0 = 12345678901\n");
    for (int i = 1; i <= 40; i++) s.append("  a").append(i).append(" = local.a").append(i - 1).append(" * local.a").append(i - 1).append(" + 1\n");
    s.append("}\nresource \"azurerm_network_security_group\" \"n\" {\n  name = \"n-${local.a12 > 0}\"\n  tags = { x = local.a40 }\n}\n");
    tf("square", s.toString());
    Result r = scan("square");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
  }

  @Test
  void aChainOfLocalsIsBoundedNotAStackOverflow() throws IOException {
    StringBuilder s = new StringBuilder("locals {\n  c0 = \"end\"\n");
    for (int i = 1; i <= 4000; i++) s.append("  c").append(i).append(" = local.c").append(i - 1).append("\n");
    s.append("}\nresource \"azurerm_network_security_group\" \"c\" {\n  name = local.c4000\n}\n");
    tf("chain", s.toString());
    Result r = scan("chain");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    noted(r, "chain/main.tf:", "evaluation nested deeper than 1000 levels");
  }

  @Test
  void aTwentyMegabyteTerraformFileIsCappedNotAGigabyteOfHeap() throws IOException {
    StringBuilder s = new StringBuilder(21 << 20);
    for (int i = 0; s.length() < 20 << 20; i++) {
      s.append("resource \"azurerm_network_security_group\" \"p").append(i).append("\" {\n  name = \"pip-").append(i).append("\"\n  tags = { a = \"")
          .append(i).append("\", b = [1, 2, 3] }\n}\n");
    }
    tf("huge", s.toString());
    Result r = scan("huge");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("huge/main.tf:1:1: error: file larger than"), r::toString);
  }
}
