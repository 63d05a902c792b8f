package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A root module's variable values from outside the configuration, with Terraform's precedence
 * (later wins): {@code TF_VAR_name} from the environment, {@code terraform.tfvars},
 * {@code terraform.tfvars.json}, {@code *.auto.tfvars} and {@code *.auto.tfvars.json} in lexical
 * order of their names, each {@code --var-file} in the order given, each {@code --var}. A
 * variable's own {@code default} comes below all of them.
 */
final class Variables {
  private Variables() {}

  static Map<String, Value> rootValues(ModuleConfig root, Loader loader) {
    Map<String, Value> out = new HashMap<>();
    for (String name : root.variables().keySet()) {
      String env = loader.options.environment().get("TF_VAR_" + name);
      if (env != null) out.put(name, new Value.Str(env, new Meta(new Location("TF_VAR_" + name, 0, 0), dev.exfilguard.model.Origin.EXPLICIT, "environment variable TF_VAR_" + name)));
    }
    if (root.dir() != null && loader.sources != null) {
      List<Path> files = new ArrayList<>();
      files.add(root.dir().resolve("terraform.tfvars"));
      files.add(root.dir().resolve("terraform.tfvars.json"));
      List<Path> auto = new ArrayList<>();
      loader.sources.list(root.dir()).stream().filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json");
      }).forEach(auto::add);
      auto.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      files.addAll(auto);
      for (Path f : files) if (loader.sources.exists(f)) readFile(f, loader, out, false);
    }
    if (loader.sources != null) for (Path f : loader.options.varFiles()) readFile(f, loader, out, true);
    for (Map.Entry<String, String> e : loader.options.vars().entrySet()) {
      out.put(e.getKey(), new Value.Str(e.getValue(), new Meta(new Location("--var " + e.getKey(), 0, 0), dev.exfilguard.model.Origin.EXPLICIT, "--var " + e.getKey())));
    }
    return out;
  }

  private static void readFile(Path f, Loader loader, Map<String, Value> out, boolean named) {
    List<Diagnostic> ds = new ArrayList<>();
    // a variables file that cannot be read is an error even when it was loaded automatically:
    // falling back to the defaults in silence would judge another configuration than the one deployed
    Optional<String> text = named ? loader.sources.readNamed(f, ds) : loader.sources.read(f, ds);
    if (text.isEmpty()) {
      loader.addDiagnostics(ds.isEmpty() ? List.of(Diagnostic.error(new Location(loader.sources.display(f), 1, 1), "cannot be read")) : ds);
      return;
    }
    String shown = loader.sources.display(f);
    if (shown.endsWith(".json")) {
      try {
        Value v = TreeReader.readJson(shown, text.get());
        if (!(v instanceof Value.Obj o)) {
          loader.error(new Location(shown, 1, 1), "a variables file must hold an object");
          return;
        }
        o.fields().forEach((k, x) -> out.put(k, x.withMeta(x.meta().withVia("variable '" + k + "' set at " + x.location().shortForm()))));
      } catch (SourceSyntaxException e) {
        loader.error(e.location(), e.getMessage());
      }
      return;
    }
    Body body;
    try {
      body = HclParser.parse(shown, text.get());
    } catch (HclParseException e) {
      loader.error(new Location(e.file(), e.line(), e.column()), e.reason());
      return;
    }
    TfEvaluator literal = new TfEvaluator(null, loader.budget);
    for (Attribute a : body.attributes()) {
      Value v = literal.eval(a.expr());
      out.put(a.name(), v.withMeta(v.meta().withVia("variable '" + a.name() + "' set at " + TfEvaluator.location(a.range()).shortForm())));
    }
  }

  /** A {@code --var} or {@code TF_VAR_} string for a list, map or object variable: Terraform parses it as an expression. */
  static Value parseComplex(Value.Str s, Loader loader) {
    try {
      Body b = HclParser.parse(s.location().file(), "v = " + s.value() + "\n");
      Value v = new TfEvaluator(null, loader.budget).eval(b.attribute("v").orElseThrow().expr());
      return v.relocated(s.location()).withMeta(s.meta());
    } catch (HclParseException e) {
      loader.error(s.location(), "the value is not a valid expression for a collection variable: " + e.reason());
      return new Value.Unknown("value of " + s.meta().via() + " does not parse", s.meta());
    }
  }
}
