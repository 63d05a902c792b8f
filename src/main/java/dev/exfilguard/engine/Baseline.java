package dev.exfilguard.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known findings, recorded so that only new ones are reported: a baseline file
 * ({@code --write-baseline}, {@code --baseline}), or the findings at the diff base.
 *
 * <p>Findings are matched by fingerprint (rule, resource address, attribute path; never line
 * numbers), so edits elsewhere in a file do not make old findings new. Two resources with one
 * address in different modules share a fingerprint, so each entry also records its file and is
 * matched once: first to a finding with the same fingerprint in the same file, then (for files
 * that were moved or scanned from another directory) to any finding with that fingerprint.
 */
public final class Baseline {
  public static final int VERSION = 1;

  /**
   * The schema's {@code $id}, written as the file's {@code $schema}; the schema is
   * {@code schemas/baseline-v1.schema.json} in the repository. Files without it (written before
   * it was added) are read the same.
   */
  public static final String SCHEMA =
      "https://raw.githubusercontent.com/exfilguard/exfilguard/main/schemas/baseline-v" + VERSION + ".schema.json";
  private static final ObjectMapper MAPPER = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private Baseline() {}

  /** One known finding; rule, resource and file are there for people reading the file. */
  public record Entry(String fingerprint, String ruleId, String resource, String attributePath, String file) {
    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::file).thenComparing(Entry::ruleId)
        .thenComparing(Entry::resource).thenComparing(Entry::attributePath).thenComparing(Entry::fingerprint);

    public static Entry of(Finding f) {
      return new Entry(f.fingerprint(), f.ruleId(), f.resourceAddress(), f.attributePath(), f.location().file());
    }
  }

  /** A baseline file that cannot be used. */
  public static final class BaselineException extends Exception {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
      super(message);
    }
  }

  public static List<Entry> entries(List<Finding> findings) {
    return findings.stream().map(Entry::of).sorted(Entry.ORDER).toList();
  }

  /** The baseline document: sorted entries, two-space indent, {@code \n} line ends. */
  public static void write(List<Finding> findings, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", VERSION);
    root.put("tool", "exfilguard");
    ArrayNode list = root.putArray("findings");
    for (Entry e : entries(findings)) {
      ObjectNode n = list.addObject();
      n.put("fingerprint", e.fingerprint());
      n.put("ruleId", e.ruleId());
      n.put("resource", e.resource());
      n.put("attributePath", e.attributePath());
      n.put("file", e.file());
    }
    MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"))).writeValue(out, root);
    out.write('\n');
    out.flush();
  }

  public static void write(List<Finding> findings, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(findings, w);
    }
  }

  public static List<Entry> read(Path file) throws BaselineException {
    JsonNode root;
    String text;
    try {
      // a FIFO or a device named as the baseline would block or never end: only a regular file, bounded
      text = dev.exfilguard.source.TextFile.read(file, LocalSourceFiles.MAX_FILE_BYTES);
    } catch (dev.exfilguard.source.TextFile.Unreadable e) {
      throw new BaselineException(e.getMessage());
    }
    try {
      root = MAPPER.readTree(text);
    } catch (IOException e) {
      // the parser's message quotes the file; ours says only that it is not JSON
      throw new BaselineException("not a baseline file: not valid JSON");
    }
    if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION || !root.path("findings").isArray()) {
      throw new BaselineException("not a baseline file (expected {\"version\": 1, \"findings\": [...]}, as --write-baseline writes)");
    }
    List<Entry> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root.get("findings")) {
      if (!n.path("fingerprint").isTextual() || !n.path("ruleId").isTextual()) {
        throw new BaselineException("entry " + i + " lacks a fingerprint or ruleId");
      }
      out.add(new Entry(n.get("fingerprint").asText(), n.get("ruleId").asText(), n.path("resource").asText(""),
          n.path("attributePath").asText(""), n.path("file").asText("")));
      i++;
    }
    return out;
  }

  /**
   * @param fresh findings not in the baseline
   * @param known how many findings the baseline accounted for
   * @param stale entries that matched no finding: the risk was fixed, or its resource renamed
   */
  public record Match(List<Finding> fresh, int known, List<Entry> stale) {}

  public static Match match(List<Finding> findings, List<Entry> baseline) {
    Map<String, List<Entry>> byFingerprint = new HashMap<>();
    for (Entry e : baseline) byFingerprint.computeIfAbsent(e.fingerprint(), k -> new ArrayList<>()).add(e);
    List<Finding> sorted = findings.stream().sorted(Finding.ORDER).toList();
    boolean[] matched = new boolean[sorted.size()];
    // same fingerprint and same file first, so a moved duplicate cannot take another file's entry
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < sorted.size(); i++) {
        if (matched[i]) continue;
        Finding f = sorted.get(i);
        List<Entry> candidates = byFingerprint.get(f.fingerprint());
        if (candidates == null) continue;
        for (int j = 0; j < candidates.size(); j++) {
          if (pass == 0 && !candidates.get(j).file().equals(f.location().file())) continue;
          candidates.remove(j);
          matched[i] = true;
          break;
        }
      }
    }
    List<Finding> fresh = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) if (!matched[i]) fresh.add(sorted.get(i));
    List<Entry> stale = byFingerprint.values().stream().flatMap(List::stream).sorted(Entry.ORDER).toList();
    return new Match(fresh, sorted.size() - fresh.size(), stale);
  }
}
