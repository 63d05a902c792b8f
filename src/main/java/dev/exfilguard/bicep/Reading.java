package dev.exfilguard.bicep;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceFiles;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one read of a Bicep input shares across the files it reaches (modules, imports, loaded
 * files): how files are read, the restore cache, the diagnostics (each note said once), the files
 * read, parsed programs and lowered module templates (a module used twice is lowered once), and
 * the chain of modules being lowered, against cycles and runaway depth.
 */
final class Reading {
  /** Modules inside modules; ARM stops nested deployments at the same depth. */
  static final int MAX_MODULE_DEPTH = dev.exfilguard.arm.expr.Limits.MAX_DEPLOYMENT_DEPTH;

  final SourceFiles sources;
  /** The Bicep restore cache ({@code ~/.bicep}), or null when the user's home is not known. */
  final Path cacheRoot;
  final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<String> noted = new HashSet<>();
  /** Every file read, as displayed, in reading order. */
  final LinkedHashSet<String> files = new LinkedHashSet<>();
  /** Every Bicep file lowered into the template (the root, its modules), absolute and normalised. */
  final LinkedHashSet<Path> bicepFiles = new LinkedHashSet<>();
  private final Map<Path, Optional<Syntax.Program>> programs = new HashMap<>();
  final Map<Path, Value.Obj> moduleTemplates = new HashMap<>();
  final Deque<Path> moduleStack = new ArrayDeque<>();
  final Map<Path, Optional<BicepConfig>> configs = new HashMap<>();

  Reading(SourceFiles sources, Path cacheRoot) {
    this.sources = sources;
    this.cacheRoot = cacheRoot;
  }

  String display(Path file) {
    return sources.display(file);
  }

  /** The file's text through the engine's checks (size, binary, encoding), or empty after an error. */
  Optional<String> text(Path file) {
    // the restore cache is outside the scanned tree by design: ModuleRefs only hands out paths
    // whose real path is inside it, so it is read as a place the user chose, like --parameters
    Optional<String> t = inCache(file) ? sources.readNamed(file, diagnostics) : sources.read(file, diagnostics);
    t.ifPresent(x -> files.add(display(file)));
    return t;
  }

  private boolean inCache(Path file) {
    return cacheRoot != null && file.toAbsolutePath().normalize().startsWith(cacheRoot.toAbsolutePath().normalize());
  }

  /** A Bicep file parsed once; a syntax error is reported once, as {@code file:line:col: error: reason}. */
  Optional<Syntax.Program> program(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Optional<Syntax.Program> p = programs.get(key);
    if (p != null) return p;
    Optional<String> text = text(key);
    p = Optional.empty();
    if (text.isPresent()) {
      try {
        p = Optional.of(BicepParser.parse(display(key), text.get()));
      } catch (BicepParseException e) {
        diagnostics.add(Diagnostic.error(new Location(e.file(), e.line(), e.column()), e.getMessage()));
      }
    }
    programs.put(key, p);
    return p;
  }

  void note(String key, Location at, String message) {
    if (noted.add(key.toLowerCase(Locale.ROOT))) diagnostics.add(Diagnostic.note(at, message));
  }

  void error(Location at, String message) {
    if (noted.add(("error " + at + " " + message).toLowerCase(Locale.ROOT))) diagnostics.add(Diagnostic.error(at, message));
  }
}
