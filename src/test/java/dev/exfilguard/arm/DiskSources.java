package dev.exfilguard.arm;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Files read from disk with their paths shown as given: the reader's view in these tests. */
final class DiskSources implements SourceFiles {
  @Override
  public String display(Path file) {
    return file.toString().replace('\\', '/');
  }

  @Override
  public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(new Location(display(file), 0, 0), "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  @Override
  public boolean inScannedTree(Path file) {
    return true;
  }
}
