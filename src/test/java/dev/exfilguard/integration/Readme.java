package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exfilguard.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's fenced examples, so tests run what a new user would copy. */
final class Readme {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

  private Readme() {}

  static String text() {
    try {
      return Files.readString(Fixtures.repo().resolve("README.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one fenced block of {@code lang} in section {@code heading} that contains {@code marker}. */
  static String block(String heading, String lang, String marker) {
    String t = text();
    int start = t.indexOf("\n## " + heading + "\n");
    if (start < 0) throw new AssertionError("README has no section '## " + heading + "'");
    int end = t.indexOf("\n## ", start + 4);
    String section = t.substring(start, end < 0 ? t.length() : end);
    List<String> found = new ArrayList<>();
    Matcher m = FENCE.matcher(section);
    while (m.find()) if (m.group(1).equals(lang) && m.group(2).contains(marker)) found.add(m.group(2));
    assertEquals(1, found.size(), "README section '" + heading + "': ```" + lang + " blocks with '" + marker + "'");
    return found.get(0);
  }
}
