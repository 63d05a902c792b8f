package dev.exfilguard.source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.exfilguard.testing.FuzzSeeds;
import java.util.List;

/** The lenient JSON reader (and the byte-order-mark decoding before it) on the corpus's templates and their mutants. */
class TreeReaderFuzzTest {
  private static final List<String> SEEDS = FuzzSeeds.corpus(".json");

  @FuzzTest(maxDuration = "12s")
  void readJson(FuzzedDataProvider data) {
    boolean bytes = data.consumeBoolean();
    try {
      String text = bytes ? TextFile.decode(data.consumeRemainingAsBytes()) : FuzzSeeds.text(data, SEEDS);
      TreeReader.readJson("fuzz.json", text);
    } catch (SourceSyntaxException | TextFile.Unreadable e) {
      // a diagnostic of ours
    }
  }
}
