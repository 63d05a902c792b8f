package dev.exfilguard.source;

import dev.exfilguard.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How readers reach files: by the engine's rules for display paths, size limits, binary and
 * encoding checks. Readers that follow references to other files (parameters files, tfvars,
 * local modules, {@code file()}) use this rather than the file system directly.
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
}
