package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository written by an attacker cannot make a scan read outside it, or hang on what it
 * names: symbolic links out of the tree (to a secret, to {@code /}, to {@code /proc}), paths in
 * the config file, FIFOs and devices named on the command line. Every case is made here, in a
 * temporary tree that also holds one ordinary workspace with a finding (AMLX-06), which must still
 * be reported; the secret's marker must appear nowhere in the output.
 */
class HostileTreeCliTest {
  /** What the "secret" outside the tree holds: /etc/passwd's first line. */
  private static final String MARKER = "root:x:0:0";
  /** A hang guard far above the few seconds each case takes; real times are in the report. */
  private static final long SECONDS = 45;

  @TempDir Path tmp;
  private Path repo;
  private Path secret;

  @BeforeEach
  void tree() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    secret = Files.writeString(outside.resolve("passwd"), MARKER + ":root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/false\n");
    Files.writeString(outside.resolve("main.tf"), workspace("outside", "\"" + MARKER + "\""));
    Files.writeString(outside.resolve("secret.auto.tfvars"), "ws_name = \"" + MARKER + "\"\n");
    repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve("good"));
    Files.writeString(repo.resolve("good/main.tf"), workspace("kept", "\"mlw-kept\""));
  }

  private static String workspace(String label, String nameExpr) {
    return "resource \"azurerm_machine_learning_workspace\" \"" + label + "\" {\n"
        + "  name                    = " + nameExpr + "\n"
        + "  location                = \"westeurope\"\n"
        + "  resource_group_name     = \"rg-ml\"\n"
        + "  application_insights_id = \"/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/appi\"\n"
        + "  key_vault_id            = \"/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\"\n"
        + "  storage_account_id      = \"/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st\"\n"
        + "  identity {\n    type = \"SystemAssigned\"\n  }\n}\n";
  }

  /** Runs a scan, timed; asserts the hang guard, that no stack trace or secret is printed. */
  private Result scan(String... args) {
    long t0 = System.nanoTime();
    List<String> all = new ArrayList<>(List.of("scan"));
    all.addAll(List.of(args));
    Result r = CliProcess.run(repo, all.toArray(String[]::new));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertTrue(seconds < SECONDS, "took " + seconds + " s\n" + r);
    assertFalse(r.stdout().contains(MARKER) || r.stderr().contains(MARKER), "the secret was printed\n" + r);
    assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r::toString);
    return r;
  }

  private static void keptFinding(Result r) {
    assertTrue(r.stdout().contains("good/main.tf") && r.stdout().contains("AMLX-06") && r.stdout().contains("mlw-kept"),
        "the other module's finding is kept\n" + r);
  }

  private static void mkfifo(Path p) throws Exception {
    Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertTrue(pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0, "mkfifo");
  }

  @Test
  void fileThroughASymlinkOutOfTheTreeIsUnknownAndNoted() throws IOException {
    Files.createDirectories(repo.resolve("leak"));
    Files.createSymbolicLink(repo.resolve("leak/passwdlink"), secret);
    Files.createSymbolicLink(repo.resolve("leak/linkdir"), secret.getParent());
    Files.writeString(repo.resolve("leak/main.tf"),
        workspace("leak", "replace(split(\"\\n\", file(\"passwdlink\"))[0], \"/\", \"_\")")
            + workspace("leak_dir", "file(\"linkdir/passwd\")")
            + workspace("leak_tpl", "templatefile(\"passwdlink\", {})")
            + workspace("leak_abs", "file(\"" + secret + "\")"));
    Result r = scan("--format", "text", ".");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    keptFinding(r);
    assertTrue(r.stderr().contains("leak/main.tf:2:") && r.stderr().contains("outside the scanned tree"), r::toString);
    // an Unknown name is never a guess: the leaking workspaces are shown by their labels
    assertFalse(r.stdout().contains("its NSG root"), r::toString);
  }

  @Test
  void walkDoesNotFollowLinksOutOfTheTree() throws IOException {
    Files.createSymbolicLink(repo.resolve("root"), Path.of("/"));
    Files.createSymbolicLink(repo.resolve("proc"), Path.of("/proc"));
    Files.createSymbolicLink(repo.resolve("outside-module"), secret.getParent());
    Files.createSymbolicLink(repo.resolve("evil.tf"), secret.getParent().resolve("main.tf"));
    Files.createSymbolicLink(repo.resolve("loop"), repo);
    Result r = scan(".");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    keptFinding(r);
    for (String link : List.of("root", "proc", "outside-module", "evil.tf")) {
      assertTrue(r.stderr().contains(link + ":1:1: note: symbolic link leads outside the scanned tree; not followed"), link + "\n" + r);
    }
    assertTrue(r.stderr().contains("loop:1:1: note: symbolic link loop; not followed"), r::toString);
    assertFalse(r.stdout().contains("outside"), r::toString);
  }

  @Test
  void aLinkInsideTheTreeIsFollowedOnce() throws IOException {
    Files.createSymbolicLink(repo.resolve("alias"), repo.resolve("good"));
    Files.createSymbolicLink(repo.resolve("good/alias.tf"), repo.resolve("good/main.tf"));
    Result r = scan("--format", "json", ".");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    assertEquals(1, r.stdout().split("\"ruleId\" : \"AMLX-06\"", -1).length - 1, "one finding, not one per path\n" + r);
  }

  @Test
  void autoLoadedVarsAndModulesOutsideTheTreeAreNotRead() throws IOException {
    Files.createDirectories(repo.resolve("mod"));
    Files.createSymbolicLink(repo.resolve("mod/terraform.tfvars"), secret.getParent().resolve("secret.auto.tfvars"));
    Files.writeString(repo.resolve("mod/main.tf"), "variable \"ws_name\" {\n  default = \"mlw-default\"\n}\n"
        + workspace("from_var", "var.ws_name")
        + "module \"up\" {\n  source = \"../../outside\"\n}\n");
    Result r = scan("mod", "good");
    assertEquals(Main.ERROR, r.exitCode(), "the linked tfvars is an error\n" + r);
    keptFinding(r);
    assertTrue(r.stderr().contains("mod/terraform.tfvars:1:1: error: leads outside the scanned tree"), r::toString);
    assertTrue(r.stderr().contains("is outside the scanned tree and is not read"), r::toString);
  }

  @Test
  void configCannotNameFilesOutsideTheRepository() throws IOException {
    Files.writeString(repo.resolve(".exfilguard.yaml"), "version: 1\ninputs:\n  - path: \"**\"\n    parameters: [" + secret + "]\n");
    Result r = scan(".");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith(".exfilguard.yaml:4:18: error: file '" + secret + "' is outside the repository"), r::toString);

    Files.writeString(repo.resolve(".exfilguard.yaml"), "version: 1\ncustom-rules: [/etc]\n");
    r = scan(".");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith(".exfilguard.yaml:2:16: error: custom rule directory '/etc' is outside the repository"), r::toString);

    Files.createSymbolicLink(repo.resolve("params.json"), secret);
    Files.writeString(repo.resolve(".exfilguard.yaml"), "version: 1\ninputs:\n  - path: \"**\"\n    var-files: [params.json]\n");
    r = scan(".");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("'params.json' is outside the repository (or leads out of it through a symbolic link)"), r::toString);
  }

  @Test
  void specialFilesAreOneErrorEachAndNoHang() throws Exception {
    Path fifo = repo.resolve("fifo.json");
    mkfifo(fifo);
    Files.createSymbolicLink(repo.resolve("zero.json"), Path.of("/dev/zero"));
    Files.createSymbolicLink(repo.resolve("zero.tf"), Path.of("/dev/zero"));
    Path outsideFifo = tmp.resolve("outside/fifo");
    mkfifo(outsideFifo);
    Result r = scan("fifo.json", "zero.json", "zero.tf", "good");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    keptFinding(r);
    assertTrue(r.stderr().contains("fifo.json:1:1: error: not a regular file (a FIFO, device or socket); not read"), r::toString);
    assertTrue(r.stderr().contains("zero.json:1:1: error: leads outside the scanned tree"), r::toString);
    assertTrue(r.stderr().contains("zero.tf:1:1: error: leads outside the scanned tree"), r::toString);

    // --parameters is read for each template scanned, --var-file for each root module
    Files.createDirectories(repo.resolve("arm"));
    Files.writeString(repo.resolve("arm/azuredeploy.json"), armWorkspace("mlw-arm"));
    for (String[] option : List.of(new String[] {"--parameters", "/dev/zero"}, new String[] {"--var-file", outsideFifo.toString()},
        new String[] {"--parameters", outsideFifo.toString()})) {
      r = scan(option[0], option[1], "good", "arm");
      assertEquals(Main.ERROR, r.exitCode(), String.join(" ", option) + "\n" + r);
      keptFinding(r);
      assertTrue(r.stderr().contains("error: not a regular file (a FIFO, device or socket); not read"), r::toString);
    }
    r = scan("--baseline", outsideFifo.toString(), "good");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("error: not a regular file (a FIFO, device or socket); not read"), r::toString);
  }

  @Test
  void walkedSpecialFilesAndUnreadableJsonAreNotesNotSilence() throws Exception {
    mkfifo(repo.resolve("good/fifo.json"));
    Files.write(repo.resolve("good/latin1.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
    Files.writeString(repo.resolve("good/empty.json"), "");
    Result r = scan(".");
    assertEquals(Main.FINDINGS, r.exitCode(), r::toString);
    keptFinding(r);
    assertTrue(r.stderr().contains("good/fifo.json:1:1: note: not a regular file"), r::toString);
    assertTrue(r.stderr().contains("good/latin1.json:1:1: note: not scanned: not UTF-8 text"), r::toString);
    assertTrue(r.stderr().contains("good/empty.json:1:1: note: not scanned: empty file"), r::toString);
  }

  private static String armWorkspace(String name) {
    return "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
        + " \"contentVersion\": \"1.0.0.0\", \"resources\": [{\"type\": \"Microsoft.MachineLearningServices/workspaces\","
        + " \"apiVersion\": \"2024-04-01\", \"name\": \"" + name + "\", \"location\": \"westeurope\","
        + " \"properties\": {\"publicNetworkAccess\": \"Enabled\"}}]}";
  }

  @Test
  void utf16TemplatesAreReadAndABadAutoTfvarsIsAnError() throws IOException {
    String template = armWorkspace("mlw-utf16");
    Files.createDirectories(repo.resolve("arm"));
    byte[] utf16 = template.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[utf16.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(utf16, 0, withBom, 2, utf16.length);
    Files.write(repo.resolve("arm/azuredeploy.json"), withBom);
    Files.write(repo.resolve("good/terraform.tfvars"), new byte[] {'x', ' ', '=', ' ', '"', (byte) 0xFF, '"', '\n'});
    Result r = scan(".");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("arm/azuredeploy.json") && r.stdout().contains("mlw-utf16"), "the UTF-16 template is read\n" + r);
    assertTrue(r.stderr().contains("good/terraform.tfvars:1:1: error: not UTF-8 text"), r::toString);
    keptFinding(r);
  }
}
