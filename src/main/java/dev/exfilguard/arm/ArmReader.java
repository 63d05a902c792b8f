package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.Budget;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM reader's entry point for the engine: one deployment of a template file, with the
 * values the user supplied, read into model resources. Parameter values, later ones winning: the
 * template's defaults, the deployment's parameters file (see {@link #deployments}), each
 * {@code --parameters FILE}, then each {@code --param name=value}.
 */
public final class ArmReader {
  private ArmReader() {}

  /**
   * {@code <name>.parameters.json} and {@code <name>.parameters.<env>.json}, the names the Azure
   * quickstarts, {@code az deployment} examples and Visual Studio's deployment projects give the
   * parameters files of {@code <name>.json} (or of {@code <name>.bicep}).
   */
  private static final Pattern PARAMETERS_NAME = Pattern.compile("(?i)^(.+?)\\.parameters(?:\\.(.+))?\\.json$");

  /**
   * One deployment of a template: the parameters file that gives its values, or none (the
   * template's defaults).
   *
   * @param label how the report tells this deployment from the template's others (the
   *     parameters file's path from the template's directory), or null for the template's
   *     primary deployment: its defaults, or {@code <name>.parameters.json}, which is what a scan
   *     judged before templates had several deployments, so baselines stay valid
   */
  public record Deployment(Path parametersFile, String label) {
    public static final Deployment DEFAULTS = new Deployment(null, null);

    /** The deployment of {@code template} with {@code parametersFile}'s values. */
    public static Deployment of(Path template, Path parametersFile) {
      Path dir = template.toAbsolutePath().normalize().getParent();
      Path p = parametersFile.toAbsolutePath().normalize();
      if (isPrimaryParametersFile(template, p)) return new Deployment(parametersFile, null);
      String label = dir != null && p.startsWith(dir) ? dir.relativize(p).toString() : p.toString();
      return new Deployment(parametersFile, label.replace('\\', '/'));
    }
  }

  /**
   * The deployments a template is judged as: one per parameters file beside it
   * ({@code <name>.parameters.json}, {@code <name>.parameters.<env>.json}), or, when it has none,
   * one on its defaults. A template deployed with parameters files is not also judged on the
   * defaults its deployments override: that deployment is not made, and judging it would report
   * the same resource once more.
   */
  public static List<Deployment> deployments(Path templateFile, SourceFiles sources) {
    List<Deployment> out = new ArrayList<>();
    for (Path p : parametersFilesBeside(templateFile, sources)) out.add(Deployment.of(templateFile, p));
    return out.isEmpty() ? List.of(Deployment.DEFAULTS) : out;
  }

  /** For a parameters file's name ({@code <name>.parameters[.<env>].json}), the {@code <name>} of its template. */
  public static Optional<String> templateStem(String parametersFileName) {
    Matcher m = PARAMETERS_NAME.matcher(parametersFileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The templates a parameters file can be for, by its name: {@code <name>.json} beside it, else
   * {@code <name>.bicep} (for {@code main.parameters.json}: {@code main.json} or
   * {@code main.bicep}). Empty when neither is there.
   */
  public static List<Path> templatesFor(Path parametersFile, SourceFiles sources) {
    Optional<String> stem = templateStem(parametersFile.getFileName().toString());
    if (stem.isEmpty()) return List.of();
    for (String ext : List.of(".json", ".bicep")) {
      Path t = parametersFile.resolveSibling(stem.get() + ext);
      if (sources.isFile(t)) return List.of(t);
    }
    return List.of();
  }

  /** The parameters files beside a template, sorted by name. */
  static List<Path> parametersFilesBeside(Path templateFile, SourceFiles sources) {
    String file = templateFile.getFileName().toString();
    int dot = file.lastIndexOf('.');
    if (dot <= 0) return List.of();
    String stem = file.substring(0, dot);
    Path dir = templateFile.getParent() != null ? templateFile.getParent() : templateFile.toAbsolutePath().getParent();
    if (dir == null) return List.of();
    List<Path> out = new ArrayList<>();
    for (Path p : sources.list(dir)) {
      Matcher m = PARAMETERS_NAME.matcher(p.getFileName().toString());
      if (m.matches() && m.group(1).equals(stem) && sources.isFile(p)) out.add(p);
    }
    out.sort(null);
    return out;
  }

  private static boolean isPrimaryParametersFile(Path template, Path parametersFile) {
    String file = template.getFileName().toString();
    int dot = file.lastIndexOf('.');
    Path t = template.toAbsolutePath().normalize();
    return dot > 0 && t.getParent() != null && parametersFile.equals(t.resolveSibling(file.substring(0, dot) + ".parameters.json"));
  }

  /** The template's primary deployment (see {@link Deployment}). */
  public static ReadResult read(Path templateFile, Value.Obj template, SourceFiles sources, InputOptions options) {
    return read(templateFile, template, Map.of(), sources, options, primary(templateFile, sources), null);
  }

  /**
   * As {@link #read(Path, Value.Obj, SourceFiles, InputOptions)}, with the values of a Bicep
   * parameters file ({@code .bicepparam}) applied after the sibling parameters file and before
   * {@code --parameters} and {@code --param}.
   */
  public static ReadResult read(Path templateFile, Value.Obj template, Map<String, Value> fileValues, SourceFiles sources,
      InputOptions options) {
    return read(templateFile, template, fileValues, sources, options, primary(templateFile, sources), null);
  }

  /**
   * A template read as part of a larger deployment unit (the Terraform module that deploys it),
   * charged to that unit's budget; {@code budget} null makes the template a unit of its own.
   */
  public static ReadResult read(Path templateFile, Value.Obj template, SourceFiles sources, InputOptions options, Budget budget) {
    return read(templateFile, template, Map.of(), sources, options, primary(templateFile, sources), budget);
  }

  /** One of the template's deployments (see {@link #deployments}). */
  public static ReadResult read(Path templateFile, Value.Obj template, SourceFiles sources, InputOptions options, Deployment deployment) {
    return read(templateFile, template, Map.of(), sources, options, deployment, null);
  }

  /** One deployment of a template compiled from Bicep, with a {@code .bicepparam} file's values on top of the deployment's. */
  public static ReadResult read(Path templateFile, Value.Obj template, Map<String, Value> fileValues, SourceFiles sources,
      InputOptions options, Deployment deployment) {
    return read(templateFile, template, fileValues, sources, options, deployment, null);
  }

  /** The deployment a template is judged as when nothing names another: {@code <name>.parameters.json} beside it, or its defaults. */
  private static Deployment primary(Path templateFile, SourceFiles sources) {
    return siblingParametersFile(templateFile, sources).map(p -> Deployment.of(templateFile, p)).orElse(Deployment.DEFAULTS);
  }

  private static ReadResult read(Path templateFile, Value.Obj template, Map<String, Value> fileValues, SourceFiles sources,
      InputOptions options, Deployment deployment, Budget budget) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, Value> supplied = new LinkedHashMap<>();
    Path parameters = deployment.parametersFile();
    if (parameters != null && sources.inScannedTree(parameters)) {
      readParametersFile(parameters, sources.read(parameters, diagnostics), sources, supplied, diagnostics);
    } else if (parameters != null) {
      // a parameters file that links out of the tree is not read, and nothing of it is shown
      diagnostics.add(Diagnostic.note(new Location(sources.display(parameters), 1, 1),
          "parameters file leads outside the scanned tree (a symbolic link?); not read, the template's defaults apply"));
    }
    supplied.putAll(fileValues);
    for (Path p : options.parameterFiles()) readParametersFile(p, sources.readNamed(p, diagnostics), sources, supplied, diagnostics);
    Value.Obj declared = template.get("parameters").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast)
        .orElse(new Value.Obj(Map.of(), template.meta()));
    for (Map.Entry<String, String> e : options.params().entrySet()) {
      Optional<Value> decl = declared.get(e.getKey());
      if (decl.isEmpty()) continue; // --param applies to the templates that declare it
      String type = decl.get() instanceof Value.Obj d ? TemplateScope.declaredType(template, d).orElse("string") : "string";
      supplied.put(e.getKey(), fromCommandLine(e.getKey(), e.getValue(), type));
    }
    return TemplateReader.read(template, supplied, diagnostics,
        budget == null ? new Limits(diagnostics) : new Limits(diagnostics, budget));
  }

  /**
   * {@code <dir>/azuredeploy.parameters.json}, or {@code <name>.parameters.json} for
   * {@code <name>.json} and for {@code <name>.bicep}.
   */
  static Optional<Path> siblingParametersFile(Path templateFile, SourceFiles sources) {
    String file = templateFile.getFileName().toString();
    String lower = file.toLowerCase(Locale.ROOT);
    String ext = lower.endsWith(".json") ? ".json" : lower.endsWith(".bicep") ? ".bicep" : null;
    if (ext == null) return Optional.empty();
    Path sibling = templateFile.resolveSibling(file.substring(0, file.length() - ext.length()) + ".parameters.json");
    return sources.isFile(sibling) ? Optional.of(sibling) : Optional.empty();
  }

  /**
   * Adds the values of a deployment parameters file. A Key Vault reference, and the quickstart
   * repository's {@code GEN-*} placeholders (filled in by its test harness), are Unknown.
   */
  private static void readParametersFile(Path path, Optional<String> text, SourceFiles sources, Map<String, Value> into,
      List<Diagnostic> diagnostics) {
    if (text.isEmpty()) return;
    Value root;
    try {
      root = TreeReader.readJson(sources.display(path), text.get());
    } catch (SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
      return;
    }
    if (!(root instanceof Value.Obj o)) {
      diagnostics.add(Diagnostic.error(root.location(), "a parameters file is a JSON object"));
      return;
    }
    Value.Obj params = o.get("parameters").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast).orElse(o);
    for (Map.Entry<String, Value> e : params.fields().entrySet()) {
      if (!(e.getValue() instanceof Value.Obj p)) continue;
      Optional<Value> value = p.get("value");
      if (value.isPresent()) {
        Value v = value.get();
        if (v instanceof Value.Str s && (s.value().startsWith("GEN-") || s.value().startsWith("GEN_"))) {
          v = new Value.Unknown("parameter '" + e.getKey() + "' is the placeholder " + s.value() + " in " + v.location().shortForm(), v.meta());
        }
        into.put(e.getKey(), v);
      } else if (p.get("reference").isPresent()) {
        into.put(e.getKey(), new Value.Unknown("parameter '" + e.getKey() + "' is a Key Vault reference in " + p.location().shortForm(), p.meta()));
      }
    }
  }

  /** A {@code --param} value converted by the parameter's declared type. */
  static Value fromCommandLine(String name, String raw, String type) {
    Meta at = Meta.explicit(new Location("--param " + name, 0, 0));
    switch (type) {
      case "bool":
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) return new Value.Bool(Boolean.parseBoolean(raw.toLowerCase(Locale.ROOT)), at);
        return new Value.Unknown("--param " + name + "=" + raw + " is not a bool", at);
      case "int":
        try {
          return new Value.Num(new BigDecimal(new BigDecimal(raw.trim()).toBigIntegerExact()), at);
        } catch (NumberFormatException | ArithmeticException e) {
          return new Value.Unknown("--param " + name + "=" + raw + " is not an integer", at);
        }
      case "array", "object", "secureobject":
        try {
          return TreeReader.readJson("--param " + name, raw).relocated(at.location());
        } catch (SourceSyntaxException e) {
          return new Value.Unknown("--param " + name + " is not JSON: " + e.getMessage(), at);
        }
      default:
        return new Value.Str(raw, at);
    }
  }
}
