package dev.exfilguard.source;

import dev.exfilguard.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How readers reach files: by the engine's rules for display paths, size limits, binary and
 * encoding checks, and the scanned tree's boundary. Readers that follow references to other
 * files (parameters files, tfvars, local modules, {@code file()}, Bicep's {@code load*Content})
 * use this rather than the file system directly.
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
}
