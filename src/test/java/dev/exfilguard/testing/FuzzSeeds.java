package dev.exfilguard.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds the fuzz targets with the shared corpus, read in place (never copied into the
 * repository): a fuzz input either is the text itself, or picks a corpus file and edits it
 * (inserts, deletes, truncates, repeats a slice), the fuzzer's coverage feedback steering both
 * the choice and the edits. Real templates reach deep into the readers at once, where random
 * bytes would stop at the first token.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** The corpus files whose names end with one of {@code suffixes}, in path order. */
  public static List<String> corpus(String... suffixes) {
    return files(Fixtures.shared().resolve("corpus"), suffixes);
  }

  /** The Bicep corpus's files whose names end with one of {@code suffixes}, in path order. */
  public static List<String> bicepCorpus(String... suffixes) {
    return files(Fixtures.shared().resolve("bicep-corpus"), suffixes);
  }

  private static List<String> files(Path root, String... suffixes) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
          .sorted()
          .map(p -> {
            try {
              return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One input: raw text, or a seed with a few edits. */
  public static String text(FuzzedDataProvider data, List<String> seeds) {
    if (seeds.isEmpty() || data.consumeBoolean()) return data.consumeRemainingAsString();
    StringBuilder sb = new StringBuilder(seeds.get(data.consumeInt(0, seeds.size() - 1)));
    int edits = data.consumeInt(0, 6);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      int at = data.consumeInt(0, sb.length());
      switch (data.consumeInt(0, 3)) {
        case 0 -> sb.insert(at, data.consumeString(24));
        case 1 -> sb.delete(at, Math.min(sb.length(), at + data.consumeInt(1, 256)));
        case 2 -> sb.setLength(at);
        default -> {
          int end = Math.min(sb.length(), at + data.consumeInt(1, 512));
          String slice = sb.substring(at, end);
          sb.insert(data.consumeInt(0, sb.length()), slice.repeat(data.consumeInt(1, 4)));
        }
      }
    }
    return sb.toString();
  }
}
