package dev.exfilguard.arm;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
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

/**
 * The ARM reader's entry point for the engine: one template file, with the values the user
 * supplied, read into model resources. Parameter values, later ones winning: the template's
 * defaults, the parameters file beside it ({@code azuredeploy.parameters.json}, or
 * {@code <name>.parameters.json} beside {@code <name>.json}), each {@code --parameters FILE},
 * then each {@code --param name=value}.
 */
public final class ArmReader {
  private ArmReader() {}

  public static ReadResult read(Path templateFile, Value.Obj template, SourceFiles sources, InputOptions options) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, Value> supplied = new LinkedHashMap<>();
    siblingParametersFile(templateFile, sources).ifPresent(p -> readParametersFile(p, sources, supplied, diagnostics));
    for (Path p : options.parameterFiles()) readParametersFile(p, sources, supplied, diagnostics);
    Value.Obj declared = template.get("parameters").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast)
        .orElse(new Value.Obj(Map.of(), template.meta()));
    for (Map.Entry<String, String> e : options.params().entrySet()) {
      Optional<Value> decl = declared.get(e.getKey());
      if (decl.isEmpty()) continue; // --param applies to the templates that declare it
      String type = decl.get() instanceof Value.Obj d ? TemplateScope.declaredType(template, d).orElse("string") : "string";
      supplied.put(e.getKey(), fromCommandLine(e.getKey(), e.getValue(), type));
    }
    return TemplateReader.read(template, supplied, diagnostics);
  }

  /** {@code <dir>/azuredeploy.parameters.json}, or {@code <name>.parameters.json} for {@code <name>.json}. */
  static Optional<Path> siblingParametersFile(Path templateFile, SourceFiles sources) {
    String file = templateFile.getFileName().toString();
    if (!file.toLowerCase(Locale.ROOT).endsWith(".json")) return Optional.empty();
    Path sibling = templateFile.resolveSibling(file.substring(0, file.length() - ".json".length()) + ".parameters.json");
    return sources.isFile(sibling) ? Optional.of(sibling) : Optional.empty();
  }

  /**
   * Adds the values of a deployment parameters file. A Key Vault reference, and the quickstart
   * repository's {@code GEN-*} placeholders (filled in by its test harness), are Unknown.
   */
  private static void readParametersFile(Path path, SourceFiles sources, Map<String, Value> into, List<Diagnostic> diagnostics) {
    Optional<String> text = sources.read(path, diagnostics);
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
