package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Resource;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one load of a root module shares across its module tree: where files come from, the
 * user's inputs, the diagnostics (each said once), the files read, the module directories
 * loaded as children, and the guard against reference cycles across modules.
 */
final class Loader {
  /** Deeper module nesting than this is not followed (real configurations stay far below). */
  static final int MAX_MODULE_DEPTH = 16;

  final SourceFiles sources;
  final InputOptions options;
  final Path rootDir;
  private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
  /** The root module's deployment unit: every module of the tree, and the ARM templates it deploys, charge it. */
  final dev.exfilguard.source.Budget budget = new dev.exfilguard.source.Budget(diagnostics::add);
  private final Set<String> files = new LinkedHashSet<>();
  private final Set<Path> childDirs = new LinkedHashSet<>();
  private final Set<Path> templates = new LinkedHashSet<>();
  private final Map<Path, Optional<ModuleConfig>> configs = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  /** Changes that association resources make to the resources they name, applied after collection. */
  final List<Patch> patches = new ArrayList<>();
  private int nextScopeId;
  /** Where each module call is written, by its address ({@code module.net}, {@code module.net.module.snet}). */
  private final Map<String, Location> calls = new LinkedHashMap<>();

  Loader(SourceFiles sources, InputOptions options, Path rootDir) {
    this.sources = sources;
    this.options = options;
    this.rootDir = rootDir;
  }

  /** A change to a resource found by its ID, applied once every resource is known. */
  record Patch(dev.exfilguard.model.Value targetId, String path, dev.exfilguard.model.Value value, boolean merge, Resource fallback) {}

  int newScopeId() {
    return nextScopeId++;
  }

  void note(Location at, String message) {
    diagnostics.add(Diagnostic.note(at, message));
  }

  void error(Location at, String message) {
    diagnostics.add(Diagnostic.error(at, message));
  }

  void addDiagnostics(List<Diagnostic> ds) {
    diagnostics.addAll(ds);
  }

  List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  void callAt(String address, Location at) {
    calls.putIfAbsent(address, at);
  }

  Map<String, Location> calls() {
    return Map.copyOf(calls);
  }

  void fileRead(String display) {
    files.add(display);
  }

  List<String> files() {
    return List.copyOf(files);
  }

  Set<Path> childDirs() {
    return childDirs;
  }

  /** An ARM template file read for a template deployment: part of this module's scan. */
  void templateRead(Path file, String display) {
    templates.add(file.toAbsolutePath().normalize());
    files.add(display);
  }

  Set<Path> templates() {
    return templates;
  }

  /** Runs {@code body} unless {@code key} is already being evaluated (a cycle): then {@code onCycle}. */
  <T> T guarded(String key, java.util.function.Supplier<T> body, java.util.function.Supplier<T> onCycle) {
    if (!inProgress.add(key)) return onCycle.get();
    try {
      return body.get();
    } finally {
      inProgress.remove(key);
    }
  }

  /** The {@code .tf} and {@code .tf.json} files of a directory, sorted by name. */
  static List<Path> moduleFiles(SourceFiles sources, Path dir) {
    return sources.list(dir).stream().filter(p -> {
      String n = p.getFileName().toString();
      return (n.endsWith(".tf") || n.endsWith(".tf.json")) && sources.isFile(p);
    }).sorted().toList();
  }

  /** A child module's configuration, read once; empty when the directory holds no Terraform files. */
  Optional<ModuleConfig> childConfig(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    return configs.computeIfAbsent(d, k -> {
      if (sources == null || !sources.isDirectory(k) || !sources.inScannedTree(k)) return Optional.empty();
      List<Path> fs = moduleFiles(sources, k);
      if (fs.isEmpty()) return Optional.empty();
      childDirs.add(k);
      return Optional.of(parse(k, fs));
    });
  }

  /** Reads and parses a module's files; a file that does not parse is reported and left out. */
  ModuleConfig parse(Path dir, List<Path> moduleFiles) {
    List<Body> bodies = new ArrayList<>();
    for (Path f : moduleFiles) {
      List<Diagnostic> ds = new ArrayList<>();
      Optional<String> text = sources.read(f, ds);
      diagnostics.addAll(ds);
      if (text.isEmpty()) continue;
      String shown = sources.display(f);
      files.add(shown);
      parseText(shown, text.get()).ifPresent(bodies::add);
    }
    return ModuleConfig.of(dir, sources.display(dir), bodies);
  }

  /** One file's body; a file that does not parse is an ERROR diagnostic and empty. */
  Optional<Body> parseText(String display, String text) {
    try {
      if (display.endsWith(".json")) return Optional.of(TfJson.parse(display, text));
      return Optional.of(HclParser.parse(display, text));
    } catch (HclParseException e) {
      diagnostics.add(Diagnostic.error(new Location(e.file(), e.line(), e.column()), e.reason()));
    } catch (dev.exfilguard.source.SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
    }
    return Optional.empty();
  }
}
