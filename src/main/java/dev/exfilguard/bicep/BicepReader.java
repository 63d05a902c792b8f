package dev.exfilguard.bicep;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Bicep reader's entry point for the engine: a {@code .bicep} file (with its modules) or a
 * {@code .bicepparam} file (with the template it names) read into model resources, by lowering
 * to the template the compiler would write and evaluating that with the ARM reader. Parameter
 * values, later ones winning: the template's defaults, {@code <name>.parameters.json} beside it,
 * the {@code .bicepparam} file being read (or, reading a {@code .bicep} file, the
 * {@code <name>.bicepparam} beside it that names it), each {@code --parameters FILE}, each
 * {@code --param}.
 */
public final class BicepReader {
  private BicepReader() {}

  /**
   * What reading one input gave.
   *
   * @param files every file read, as displayed (the input, its modules, loaded files)
   * @param readAsPart other Bicep files this input read as part of itself (its modules, the
   *     template a parameters file names): they are not judged again on their own
   * @param compiledTwins {@code <name>.json} files beside the Bicep files read, which may be
   *     what the Bicep compiler wrote from them ({@link #compiledByBicep} tells)
   */
  public record Loaded(List<String> files, ReadResult result, List<Path> readAsPart, List<Path> compiledTwins) {}

  public static boolean isBicep(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".bicep") || n.endsWith(".bicepparam");
  }

  public static Loaded read(Path file, SourceFiles sources, InputOptions options) {
    return read(file, sources, options, null);
  }

  /**
   * A {@code .bicep} file judged as one of its deployments (a parameters JSON file beside it, see
   * {@link ArmReader#deployments}); null is its primary one. A {@code .bicepparam} file is its
   * own deployment.
   */
  public static Loaded read(Path file, SourceFiles sources, InputOptions options, ArmReader.Deployment deployment) {
    Path abs = file.toAbsolutePath().normalize();
    Reading reading = new Reading(sources, cacheRoot(options));
    ReadResult result;
    if (abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bicepparam")) {
      result = readParametersFile(abs, reading, options);
    } else {
      result = readTemplate(abs, reading, sibling(abs, reading), options, deployment);
    }
    List<Diagnostic> diagnostics = new ArrayList<>(reading.diagnostics);
    diagnostics.addAll(result.diagnostics());
    List<Path> part = new ArrayList<>();
    List<Path> twins = new ArrayList<>();
    for (Path p : reading.bicepFiles) {
      if (!p.equals(abs)) part.add(p);
      twin(p, sources).ifPresent(twins::add);
    }
    return new Loaded(List.copyOf(reading.files), new ReadResult(result.resources(), diagnostics), part, twins);
  }

  /**
   * The lowered template of a {@code .bicep} file, with the diagnostics of lowering it: what the
   * differential test compares with the compiler's {@code main.json}.
   */
  static LoweredTemplate lower(Path file, SourceFiles sources, Path cacheRoot) {
    Path abs = file.toAbsolutePath().normalize();
    Reading reading = new Reading(sources, cacheRoot);
    Optional<Syntax.Program> p = reading.program(abs);
    Value.Obj t = p.map(prog -> Lowering.template(reading, abs, prog, 0)).orElse(null);
    return new LoweredTemplate(t, reading.diagnostics);
  }

  record LoweredTemplate(Value.Obj template, List<Diagnostic> diagnostics) {}

  /** The restore cache under the user's home: {@code $HOME/.bicep} ({@code %USERPROFILE%\.bicep} on Windows). */
  static Path cacheRoot(InputOptions options) {
    String home = options.environment().get("HOME");
    if (home == null || home.isBlank()) home = options.environment().get("USERPROFILE");
    return home == null || home.isBlank() ? null : Path.of(home, ".bicep");
  }

  private static ReadResult readTemplate(Path abs, Reading reading, Map<String, Value> fileValues, InputOptions options,
      ArmReader.Deployment deployment) {
    Optional<Syntax.Program> p = reading.program(abs);
    if (p.isEmpty()) return new ReadResult(List.of(), List.of());
    reading.bicepFiles.add(abs);
    Value.Obj template = Lowering.template(reading, abs, p.get(), 0);
    return deployment == null ? ArmReader.read(abs, template, fileValues, reading.sources, options)
        : ArmReader.read(abs, template, fileValues, reading.sources, options, deployment);
  }

  /** The values of {@code <name>.bicepparam} beside {@code <name>.bicep}, when it names that file. */
  private static Map<String, Value> sibling(Path bicep, Reading reading) {
    String name = bicep.getFileName().toString();
    Path params = bicep.resolveSibling(name.substring(0, name.length() - ".bicep".length()) + ".bicepparam");
    if (!reading.sources.isFile(params) || !reading.sources.inScannedTree(params)) return Map.of();
    Optional<Syntax.Program> p = reading.program(params);
    if (p.isEmpty()) return Map.of();
    Optional<Syntax.Using> using = using(p.get());
    if (using.isEmpty() || using.get().path() == null) return Map.of();
    ModuleRefs.Target t = ModuleRefs.resolve(using.get().path().value(), params, reading);
    if (!(t instanceof ModuleRefs.Local l) || !l.file().equals(bicep)) return Map.of();
    return parameterValues(params, p.get(), reading, 0);
  }

  private static Optional<Syntax.Using> using(Syntax.Program p) {
    return p.statements().stream().filter(Syntax.Using.class::isInstance).map(Syntax.Using.class::cast).findFirst();
  }

  private static ReadResult readParametersFile(Path abs, Reading reading, InputOptions options) {
    Optional<Syntax.Program> p = reading.program(abs);
    if (p.isEmpty()) return new ReadResult(List.of(), List.of());
    Location at = new Location(reading.display(abs), 1, 1);
    Optional<Syntax.Using> using = using(p.get());
    if (using.isEmpty()) {
      reading.error(at, "a parameters file names its template with 'using'");
      return new ReadResult(List.of(), List.of());
    }
    if (using.get().path() == null) {
      reading.note("using-none", at, "'using none': this parameters file names no template; nothing is scanned");
      return new ReadResult(List.of(), List.of());
    }
    Map<String, Value> values = parameterValues(abs, p.get(), reading, 0);
    String ref = using.get().path().value();
    Location usingAt = new Location(reading.display(abs), using.get().span().line(), using.get().span().column());
    ModuleRefs.Target t = ModuleRefs.resolve(ref, abs, reading);
    if (t instanceof ModuleRefs.Unavailable u) {
      reading.note("using", usingAt, "the template '" + ref + "' is not read: " + u.reason());
      return new ReadResult(List.of(), List.of());
    }
    Path template = t instanceof ModuleRefs.Local l ? l.file() : ((ModuleRefs.Cached) t).file();
    if (template.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bicep")) {
      return readTemplate(template.toAbsolutePath().normalize(), reading, values, options, null);
    }
    Optional<String> text = reading.text(template);
    if (text.isEmpty()) return new ReadResult(List.of(), List.of());
    try {
      Value root = TreeReader.readJson(reading.display(template), text.get());
      if (root instanceof Value.Obj o && TemplateReader.isTemplate(o)) return ArmReader.read(template, o, values, reading.sources, options);
      reading.error(usingAt, "'" + ref + "' is not an ARM template");
    } catch (SourceSyntaxException e) {
      reading.error(e.location(), e.getMessage());
    }
    return new ReadResult(List.of(), List.of());
  }

  /**
   * A parameters file's values: its {@code param x = ...} evaluated like a template's outputs (its
   * variables and imports in scope), over the file it {@code extends}.
   */
  private static Map<String, Value> parameterValues(Path file, Syntax.Program p, Reading reading, int depth) {
    Map<String, Value> values = new LinkedHashMap<>();
    for (Syntax.Stmt s : p.statements()) {
      if (s instanceof Syntax.Extends e && depth < Reading.MAX_MODULE_DEPTH) {
        ModuleRefs.Target t = ModuleRefs.resolve(e.path().value(), file, reading);
        if (t instanceof ModuleRefs.Local l) {
          reading.program(l.file()).ifPresent(base -> values.putAll(parameterValues(l.file(), base, reading, depth + 1)));
        } else if (t instanceof ModuleRefs.Unavailable u) {
          reading.note("extends:" + file, new Location(reading.display(file), e.span().line(), e.span().column()),
              "the base parameters file is not read: " + u.reason());
        }
      }
    }
    Lowering l = new Lowering(reading, file, p, new Sections(), "", Lowering.Mode.PARAMS, 0);
    l.declare();
    Value.Obj template = l.emit();
    values.putAll(TemplateReader.outputs(template, Map.of(), reading.diagnostics));
    return values;
  }

  static final Pattern GENERATOR = Pattern.compile("\"_generator\"\\s*:\\s*\\{\\s*\"name\"\\s*:\\s*\"bicep\"");

  /** {@code <name>.json} beside {@code <name>.bicep}, if there is one. */
  private static Optional<Path> twin(Path bicep, SourceFiles sources) {
    String name = bicep.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".bicep")) return Optional.empty();
    Path json = bicep.resolveSibling(name.substring(0, name.length() - ".bicep".length()) + ".json");
    return sources.isFile(json) ? Optional.of(json.toAbsolutePath().normalize()) : Optional.empty();
  }

  /** Whether the Bicep compiler wrote this JSON file: its {@code metadata._generator.name} is {@code bicep}. */
  public static boolean compiledByBicep(Path json, SourceFiles sources) {
    Optional<String> text = sources.read(json, new ArrayList<>());
    if (text.isEmpty() || !GENERATOR.matcher(text.get()).find()) return false;
    try {
      Value root = TreeReader.readJson(sources.display(json), text.get());
      return root instanceof Value.Obj o && o.get("metadata").flatMap(m -> m instanceof Value.Obj mo ? mo.get("_generator") : Optional.empty())
          .flatMap(g -> g instanceof Value.Obj go ? go.get("name") : Optional.empty())
          .filter(n -> n instanceof Value.Str s && s.value().equalsIgnoreCase("bicep")).isPresent();
    } catch (SourceSyntaxException e) {
      return false;
    }
  }
}
