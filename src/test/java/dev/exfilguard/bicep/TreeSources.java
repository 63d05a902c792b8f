package dev.exfilguard.bicep;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Files of one folder read from disk, shown relative to it, with that folder as the scanned
 * tree: the reader's view when a test scans a folder in place (the shared corpus).
 */
final class TreeSources implements SourceFiles {
  private final Path root;

  TreeSources(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
  }

  @Override
  public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(new Location(display(file), 0, 0), "cannot read: " + e.getClass().getSimpleName()));
      return Optional.empty();
    }
  }

  @Override
  public boolean inScannedTree(Path file) {
    return file.toAbsolutePath().normalize().startsWith(root);
  }
}
