package dev.exfilguard.source;

import dev.exfilguard.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How readers reach files: by the engine's rules for display paths, size limits, binary and
 * encoding checks, and the scanned tree's boundary. Readers that follow references to other
 * files (parameters files, tfvars, local modules, {@code file()}, Bicep's {@code load*Content})
 * use this rather than the file system directly: the files may be a git tree read from the
 * object store (the {@code --staged} and {@code --diff-base} modes), not the disk. The defaults
 * below are the disk's answers.
 */
public interface SourceFiles {

  /** The path as findings show it: relative to the working directory, forward slashes. */
  String display(Path file);

  /**
   * A file that was found in the scanned tree or that scanned content names: its text, or empty
   * after adding an ERROR diagnostic that says why (never with any of the file's content). Only a
   * regular file whose real path lies inside the scanned tree is read.
   */
  Optional<String> read(Path file, List<Diagnostic> diagnostics);

  /**
   * A file the user named for the scan ({@code --parameters}, {@code --var-file}, the config
   * file's inputs): read wherever it is, but only if it is a regular file, and under the size cap.
   */
  default Optional<String> readNamed(Path file, List<Diagnostic> diagnostics) {
    return read(file, diagnostics);
  }

  /**
   * Whether a path, followed through its symbolic links, lies inside what the user asked to scan
   * (the scanned paths' directories): functions such as Terraform's {@code file()} never read
   * outside it.
   */
  boolean inScannedTree(Path file);

  /**
   * Whether something of this name is there, not following a last symbolic link (a broken link,
   * or a FIFO, still is: reading it says why it is not read).
   */
  default boolean exists(Path file) {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
  }

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
