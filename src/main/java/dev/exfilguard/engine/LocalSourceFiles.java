package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.SourceFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Files on the local disk, read under the scan's limits. */
final class LocalSourceFiles implements SourceFiles {
  /** Larger files are reported rather than read: no real template comes near this. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private final Inputs.Paths display;
  private final List<Path> roots;

  LocalSourceFiles(Inputs.Paths display, List<Path> scanned) {
    this.display = display;
    this.roots = scanned.stream()
        .map(p -> p.toAbsolutePath().normalize())
        .map(p -> Files.isDirectory(p) ? p : (p.getParent() != null ? p.getParent() : p))
        .toList();
  }

  @Override
  public String display(Path file) {
    return display.of(file);
  }

  @Override
  public boolean inScannedTree(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return roots.stream().anyMatch(abs::startsWith);
  }

  @Override
  public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
    String shown = display.of(file);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not read"));
        return Optional.empty();
      }
      return text(Files.readAllBytes(file), shown, diagnostics);
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "cannot read: " + describe(e)));
    }
    return Optional.empty();
  }

  /** A file's bytes as text, wherever they were read from (the disk, a git blob). */
  static Optional<String> text(byte[] bytes, String shown, List<Diagnostic> diagnostics) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "binary file, not text"));
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "not UTF-8 text"));
    }
    return Optional.empty();
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
