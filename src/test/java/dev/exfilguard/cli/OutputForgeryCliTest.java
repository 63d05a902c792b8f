package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource name and a file name made of every control and bidi character cannot forge any
 * format's output: nothing of them reaches the output raw (text, markdown: visible escapes;
 * github: {@code %}-escapes and visible escapes, so no second workflow command can start; JSON,
 * SARIF, JUnit: visible escapes inside the strings, so what reads them back holds no control).
 */
class OutputForgeryCliTest {
  @TempDir Path tmp;

  /** Every character that must not reach the output raw (the NUL cannot be in a file). */
  private static String hostile() {
    StringBuilder sb = new StringBuilder();
    for (char c = 1; c < 0x20; c++) sb.append(c);
    for (char c = 0x7f; c <= 0x9f; c++) sb.append(c);
    for (char c = 0x202a; c <= 0x202e; c++) sb.append(c);
    for (char c = 0x2066; c <= 0x2069; c++) sb.append(c);
    sb.append('\u200e').append('\u200f').append('\u061c').append('\u2028').append('\u2029');
    return sb.toString();
  }

  private static boolean unsafe(char c) {
    return hostile().indexOf(c) >= 0;
  }

  /** The name as an HCL string: every character as a \\u escape. */
  private static String hcl(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) sb.append(String.format("\\u%04x", (int) c));
    return sb.toString();
  }

  /** A file name of the same characters, less '/', made by the shell as bytes (the JVM's file-name encoding may not be UTF-8). */
  private void hostileFile(Path dir, String prefix, String content) throws Exception {
    StringBuilder printf = new StringBuilder();
    for (byte b : (prefix + hostile().replace("/", "") + ".tf").getBytes(StandardCharsets.UTF_8)) {
      printf.append(String.format("\\%03o", b & 0xff));
    }
    Path body = Files.writeString(tmp.resolve(prefix + "-body.tf"), content);
    Process p = new ProcessBuilder("sh", "-c", "cp \"$1\" \"$(printf '" + printf + "')\"", "sh", body.toString())
        .directory(dir.toFile()).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "made the file");
  }

  @Test
  void noFormatPassesControlsOrBidiOverridesThrough() throws Exception {
    String workspace = "resource \"azurerm_machine_learning_workspace\" \"w\" {\n"
        + "  name                    = \"mlw-" + hcl(hostile()) + "\"\n  location                = \"westeurope\"\n"
        + "  resource_group_name     = \"rg\"\n  application_insights_id = \"a\"\n  key_vault_id            = \"k\"\n"
        + "  storage_account_id      = \"s\"\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n";
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    hostileFile(repo, "x", workspace);
    // a file of the module that does not parse: its path goes through the diagnostics too
    hostileFile(repo, "y", "locals {\n  bad = \"" + hcl(hostile()) + "\" +\n");
    ObjectMapper json = new ObjectMapper();
    for (String format : List.of("text", "json", "sarif", "junit", "github", "markdown")) {
      Result r = CliProcess.run(repo, Map.of("LC_ALL", "C.UTF-8"), "scan", "--format", format, ".");
      assertEquals(Main.ERROR, r.exitCode(), format + "\n" + r);
      assertTrue(r.stdout().contains("mlw-"), format + ": the finding is reported\n" + r);
      String out = r.stdout() + r.stderr();
      for (char c : out.toCharArray()) {
        assertFalse(unsafe(c) && c != '\n', format + ": raw U+" + Integer.toHexString(c) + " in the output\n" + r);
      }
      assertTrue(out.contains("\\u202e") || out.contains("\\\\u202e"), format + ": the override is shown as an escape\n" + r);
      if (format.equals("github")) {
        // one command per line: every line of the report starts a command or is the summary
        for (String line : r.stdout().lines().toList()) {
          assertTrue(line.startsWith("::") || line.matches("\\d+ findings? .*"), "github: a forged line: " + line);
        }
      }
      if (format.equals("json") || format.equals("sarif")) {
        // what a consumer reads back holds no control either (other than JSON's own line breaks)
        List<String> strings = new ArrayList<>();
        collect(json.readTree(r.stdout()), strings);
        for (String s : strings) {
          for (char c : s.toCharArray()) {
            assertFalse(unsafe(c) && c != '\n' && c != '\t', format + ": U+" + Integer.toHexString(c) + " read back from " + s);
          }
        }
      }
    }
  }

  private static void collect(JsonNode n, List<String> out) {
    if (n.isTextual()) out.add(n.asText());
    for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) collect(it.next(), out);
  }
}
