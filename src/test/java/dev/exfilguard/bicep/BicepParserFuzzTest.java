package dev.exfilguard.bicep;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.testing.FuzzSeeds;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Bicep parser, and the lowering and ARM evaluation of what it parses, on the Bicep corpus's
 * files and their mutants: a syntax error or a diagnostic is ours to report; any other exception
 * is a defect. The input is the only file there is: modules, imports and {@code load*Content}
 * find nothing, so the fuzzer cannot reach the disk.
 */
class BicepParserFuzzTest {
  private static final List<String> SEEDS = FuzzSeeds.bicepCorpus(".bicep", ".bicepparam");
  private static final Path FILE = Path.of("/fuzz/main.bicep");

  @FuzzTest(maxDuration = "12s")
  void parseLowerAndEvaluate(FuzzedDataProvider data) {
    String text = FuzzSeeds.text(data, SEEDS);
    try {
      BicepParser.parse("main.bicep", text);
    } catch (BicepParseException e) {
      return;
    }
    BicepReader.read(FILE, new OneFile(text), InputOptions.NONE);
  }

  /** A tree of one file, in memory. */
  private record OneFile(String text) implements SourceFiles {
    @Override
    public String display(Path file) {
      return file.getFileName() == null ? "." : file.getFileName().toString();
    }

    @Override
    public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
      if (file.toAbsolutePath().normalize().equals(FILE)) return Optional.of(text);
      diagnostics.add(Diagnostic.error(new Location(display(file), 1, 1), "no such file"));
      return Optional.empty();
    }

    @Override
    public Optional<String> readNamed(Path file, List<Diagnostic> diagnostics) {
      return read(file, diagnostics);
    }

    @Override
    public boolean inScannedTree(Path file) {
      return file.toAbsolutePath().normalize().equals(FILE);
    }

    @Override
    public boolean exists(Path file) {
      return inScannedTree(file);
    }

    @Override
    public boolean isFile(Path file) {
      return inScannedTree(file);
    }

    @Override
    public boolean isDirectory(Path dir) {
      return false;
    }

    @Override
    public List<Path> list(Path dir) {
      return List.of();
    }
  }
}
