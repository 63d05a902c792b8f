package dev.exfilguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code expect:} markers of an annotated fixture: {@code # expect: AMLX-22} (HCL) or
 * {@code // expect: AMLX-22} (JSON) on the line before the line a finding must point to; several
 * IDs may be comma-separated.
 */
public final class ExpectationMarkers {
  private static final Pattern MARKER = Pattern.compile("^\\s*(?:#|//)\\s*expect:\\s*((?:AMLX|EXFG)-\\d{2}(?:\\s*,\\s*(?:AMLX|EXFG)-\\d{2})*)\\s*$");

  private ExpectationMarkers() {}

  /** An expected finding: rule and the 1-based line it must point to. */
  public record Expected(String ruleId, int line) {}

  public static List<Expected> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Expected> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i));
      if (m.matches()) {
        for (String id : m.group(1).split(",")) out.add(new Expected(id.trim(), i + 2));
      }
    }
    return out;
  }
}
