package dev.exfilguard.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential test against HashiCorp's own parser (the hcl2json oracle in the shared tools).
 * Runs only with -Dexfilguard.oracle=true (Maven profile {@code oracle}) because it needs
 * node and, on first use, the npm registry; otherwise it is reported as skipped.
 *
 * <p>Compared: the block/attribute structure, literal values (numbers as doubles, since the
 * oracle goes through float64; plain strings exactly), and expression texts with all
 * whitespace removed (the oracle reformats directives and folds {@code -5}/{@code !true}).
 */
class OracleDifferentialTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void corpusAndFixturesMatchHashiCorpParser() throws Exception {
    assumeTrue(Boolean.getBoolean("exfilguard.oracle"), "oracle comparison disabled; run with -Poracle");
    Path oracle = TestFiles.shared().resolve("tools/hcl-oracle/hcl2json");
    assertTrue(Files.isExecutable(oracle), "oracle not found: " + oracle);

    List<Path> corpus = TestFiles.corpusHclFiles();
    List<Path> fixtures = TestFiles.oracleFixtures();
    assertFalse(corpus.isEmpty(), "no corpus files");
    List<Path> all = new ArrayList<>(corpus);
    all.addAll(fixtures);

    Map<String, JsonNode> oracleResults = runOracle(oracle, all);
    List<String> mismatches = new ArrayList<>();
    int[] values = {0};
    for (Path f : all) {
      JsonNode line = oracleResults.get(f.toString());
      if (line == null) {
        mismatches.add(f + ": no oracle output");
        continue;
      }
      assertTrue(line.path("ok").asBoolean(), "oracle rejected " + f + ": " + line.path("error").asText());
      Body ours;
      try {
        ours = HclParser.parse(f.toString(), TestFiles.read(f));
      } catch (HclParseException e) {
        mismatches.add(e.located());
        continue;
      }
      compare(f + ":", OracleShape.body(ours), line.get("body"), mismatches, values);
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " differences from the oracle:\n"
          + String.join("\n", mismatches.subList(0, Math.min(60, mismatches.size()))));
    }
    assertTrue(values[0] > 0, "nothing was compared");
    System.out.println("[hcl] oracle: " + corpus.size() + " corpus files + " + fixtures.size()
        + " fixtures compared, " + values[0] + " values identical");
  }

  /** One oracle process for all files: it starts node, which is slow. */
  private static Map<String, JsonNode> runOracle(Path oracle, List<Path> files) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(oracle.toString());
    files.forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        JsonNode n = JSON.readTree(l);
        out.put(n.path("file").asText(), n);
      }
    }
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("oracle timed out");
    }
    assertEquals(0, p.exitValue(), "oracle exit code");
    return out;
  }

  private static void compare(String path, Object ours, JsonNode theirs, List<String> diffs, int[] values) {
    if (theirs == null || theirs.isMissingNode()) {
      diffs.add(path + " only in ours: " + ours);
      return;
    }
    if (ours instanceof Map<?, ?> m) {
      if (!theirs.isObject()) {
        diffs.add(path + " ours is an object, oracle has " + theirs);
        return;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        compare(path + "/" + e.getKey(), e.getValue(), theirs.get((String) e.getKey()), diffs, values);
      }
      for (Iterator<String> it = theirs.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!m.containsKey(k)) {
          diffs.add(path + "/" + k + " missing in ours; oracle has " + theirs.get(k));
        }
      }
    } else if (ours instanceof List<?> l) {
      if (!theirs.isArray() || theirs.size() != l.size()) {
        diffs.add(path + " ours is a list of " + l.size() + ", oracle has " + theirs);
        return;
      }
      for (int i = 0; i < l.size(); i++) {
        compare(path + "[" + i + "]", l.get(i), theirs.get(i), diffs, values);
      }
    } else if (ours instanceof String s) {
      // Plain text must match exactly; only text holding expressions or directives, which the
      // oracle reformats, is compared with whitespace removed.
      boolean plain = !s.contains("${") && !s.contains("%{");
      boolean same = theirs.isTextual()
          && (plain ? s.equals(theirs.asText()) : stripSpace(s).equals(stripSpace(theirs.asText())));
      if (!same) {
        diffs.add(path + " ours " + JSON.valueToTree(s) + ", oracle " + theirs);
      } else {
        values[0]++;
      }
    } else if (ours instanceof BigDecimal n) {
      if (!theirs.isNumber() || n.doubleValue() != theirs.asDouble()) {
        diffs.add(path + " ours " + n + ", oracle " + theirs);
      } else {
        values[0]++;
      }
    } else if (ours instanceof Boolean b) {
      if (!theirs.isBoolean() || b != theirs.asBoolean()) {
        diffs.add(path + " ours " + b + ", oracle " + theirs);
      } else {
        values[0]++;
      }
    } else if (ours == null) {
      if (!theirs.isNull()) {
        diffs.add(path + " ours null, oracle " + theirs);
      } else {
        values[0]++;
      }
    } else {
      diffs.add(path + " unexpected value type " + ours.getClass());
    }
  }

  private static String stripSpace(String s) {
    return s.replaceAll("\\s+", "");
  }
}
