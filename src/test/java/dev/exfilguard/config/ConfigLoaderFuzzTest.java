package dev.exfilguard.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * The config loader (YAML through Jackson, then our checks, globs compiled) on mutants of the
 * starter config: a config error is ours to report; any other exception is a defect. Globs it
 * compiled are matched against a path, so a pathological one shows up as a hang.
 */
class ConfigLoaderFuzzTest {
  private static final Path DIR = Path.of("target", "fuzz-config").toAbsolutePath();

  @FuzzTest(maxDuration = "12s")
  void load(FuzzedDataProvider data) {
    String text = data.consumeBoolean() ? data.consumeRemainingAsString()
        : dev.exfilguard.testing.FuzzSeeds.text(data, java.util.List.of(StarterConfig.TEXT,
            "version: 1\nexclude: [\"**/x/{a,b}/[0-9]*\"]\nsuppressions:\n  - rule: AMLX-22\n    path: \"a/**\"\n    resource: \"m.*\"\n"
                + "    reason: r\n    expires: 2030-01-01\n"));
    try {
      Config c = ConfigLoader.parse(DIR, ".exfilguard.yaml", text);
      for (Glob g : c.exclude()) g.matches("a/b/c/x/a/0/main.tf");
    } catch (ConfigException e) {
      // a diagnostic of ours
    }
  }
}
