package dev.exfilguard.source;

import dev.exfilguard.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How readers reach files: by the engine's rules for display paths, size limits, binary and
 * encoding checks. Readers that follow references to other files (parameters files, tfvars,
 * local modules, {@code file()}) use this rather than the file system directly: the files may
 * be a git tree read from the object store (the {@code --staged} and {@code --diff-base} modes),
 * not the disk. The defaults below are the disk's answers.
 */
public interface SourceFiles {

  /** The path as findings show it: relative to the working directory, forward slashes. */
  String display(Path file);

  /** The file's UTF-8 text, or empty after adding an ERROR diagnostic that says why. */
  Optional<String> read(Path file, List<Diagnostic> diagnostics);

  /**
   * Whether a file lies inside what the user asked to scan (the scanned paths' directories):
   * functions such as Terraform's {@code file()} never read outside it.
   */
  boolean inScannedTree(Path file);

  /** Whether {@code file} is a regular file this source can read. */
  default boolean isFile(Path file) {
    return Files.isRegularFile(file);
  }

  /** Whether {@code dir} is a directory of this source. */
  default boolean isDirectory(Path dir) {
    return Files.isDirectory(dir);
  }

  /** The entries of a directory (files and directories), sorted by name; empty when it cannot be listed. */
  default List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
