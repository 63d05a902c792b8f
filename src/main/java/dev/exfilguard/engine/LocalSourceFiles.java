package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.Boundary;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.TextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Files on the local disk, read under the scan's limits. What the scanned content leads to is
 * read only inside the scanned tree (the repository holding the scanned directories or named
 * files, or those directories themselves outside any repository), judged by real paths; what the user names ({@code --parameters}, {@code --var-file}, the config
 * file's inputs, checked when the config was read) is read wherever it is. Either way only a
 * regular file, and at most {@link #MAX_FILE_BYTES} of it.
 */
final class LocalSourceFiles implements SourceFiles {
  /** Larger files are reported rather than read: the largest real templates are a few MiB. */
  static final long MAX_FILE_BYTES = 64L << 20;
  /**
   * Terraform files are written by hand and parsed into a syntax tree several times their size:
   * real ones stay far below this, and 20 MB of HCL would take over a gigabyte of heap.
   */
  static final long MAX_HCL_BYTES = 4L << 20;

  private final Inputs.Paths display;
  private final Boundary tree;

  LocalSourceFiles(Inputs.Paths display, List<Path> scanned) {
    this.display = display;
    this.tree = Boundary.of(scanned.stream()
        .map(p -> p.toAbsolutePath().normalize())
        .map(p -> Files.isDirectory(p) ? p : (p.getParent() != null ? p.getParent() : p))
        .map(LocalSourceFiles::repository)
        .toList());
  }

  /**
   * The repository a scanned directory is in (the nearest directory above it holding
   * {@code .git}), else the directory itself. A root module scanned on its own calls modules
   * beside it ({@code source = "../../modules/net"}): they are part of the same repository, so
   * they are read; nothing outside it ever is.
   */
  private static Path repository(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) return d;
    }
    return dir;
  }

  @Override
  public String display(Path file) {
    return display.of(file);
  }

  @Override
  public boolean inScannedTree(Path file) {
    return tree.contains(file);
  }

  @Override
  public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(at(file), TextFile.describe(file, e)));
      return Optional.empty();
    }
    if (!tree.contains(real)) {
      diagnostics.add(Diagnostic.error(at(file), "leads outside the scanned tree (a symbolic link?); not read"));
      return Optional.empty();
    }
    return readAt(real, file, diagnostics);
  }

  @Override
  public Optional<String> readNamed(Path file, List<Diagnostic> diagnostics) {
    return readAt(file, file, diagnostics);
  }

  private Optional<String> readAt(Path path, Path shown, List<Diagnostic> diagnostics) {
    try {
      return Optional.of(TextFile.read(path, maxBytes(shown)));
    } catch (TextFile.Unreadable e) {
      diagnostics.add(Diagnostic.error(at(shown), e.getMessage()));
      return Optional.empty();
    }
  }

  /** How much of a file is read: HCL files have the lower cap. */
  static long maxBytes(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString();
    return n.endsWith(".tf") || n.endsWith(".tfvars") || n.endsWith(".hcl") ? MAX_HCL_BYTES : MAX_FILE_BYTES;
  }

  /** A problem with a file as a whole is reported at its first line. */
  private Location at(Path file) {
    return new Location(display.of(file), 1, 1);
  }
}
