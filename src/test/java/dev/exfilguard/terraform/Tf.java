package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test helpers: a module scope over real files or text, and a compact rendering of values. */
final class Tf {
  private Tf() {}

  /** Files under {@code root} as the engine gives them: display paths relative to the repository. */
  static SourceFiles files(Path root) {
    Path base = Path.of("").toAbsolutePath();
    Path tree = root.toAbsolutePath().normalize();
    return new SourceFiles() {
      @Override
      public String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString()).replace('\\', '/');
      }

      @Override
      public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          diagnostics.add(Diagnostic.error(new Location(display(file), 0, 0), "cannot read"));
          return Optional.empty();
        }
      }

      @Override
      public boolean inScannedTree(Path file) {
        return file.toAbsolutePath().normalize().startsWith(tree);
      }
    };
  }

  static TerraformReader.Loaded load(String dir) {
    return load(dir, InputOptions.NONE);
  }

  static TerraformReader.Loaded load(String dir, InputOptions options) {
    Path d = Path.of("testdata/terraform", dir);
    return TerraformReader.load(d, Loader.moduleFiles(files(d), d), files(d), options);
  }

  /** The root scope of a module directory, for asking about variables and locals. */
  static ModuleScope scope(String dir, InputOptions options) {
    Path d = Path.of("testdata/terraform", dir).toAbsolutePath().normalize();
    Loader loader = new Loader(files(d), options, d);
    ModuleConfig config = loader.parse(d, Loader.moduleFiles(files(d), d));
    return ModuleScope.root(config, loader, Variables.rootValues(config, loader));
  }

  /** A scope over text only (no files): for evaluating expressions. */
  static ModuleScope textScope(String hcl) throws Exception {
    Loader loader = new Loader(null, InputOptions.NONE, null);
    Body b = HclParser.parse("test.tf", hcl);
    return ModuleScope.root(ModuleConfig.of(null, ".", List.of(b)), loader, Map.of());
  }

  static Value eval(ModuleScope scope, String expr) throws Exception {
    Body b = HclParser.parse("expr.tf", "x = " + expr + "\n");
    return scope.evaluator.eval(b.attribute("x").orElseThrow().expr());
  }

  /** JSON-like rendering with sorted keys; an Unknown shows as {@code ?}. */
  static String render(Value v) {
    if (v instanceof Value.Unknown) return "?";
    if (v instanceof Value.Str s) return "\"" + s.value() + "\"";
    if (v instanceof Value.Arr a) return "[" + String.join(",", a.items().stream().map(Tf::render).toList()) + "]";
    if (v instanceof Value.Obj o) {
      StringBuilder sb = new StringBuilder("{");
      new TreeMap<>(o.fields()).forEach((k, x) -> sb.append(sb.length() > 1 ? "," : "").append(k).append(':').append(render(x)));
      return sb.append('}').toString();
    }
    return Value.render(v);
  }
}
