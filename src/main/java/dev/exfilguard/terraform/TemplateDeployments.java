package dev.exfilguard.terraform;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.FunctionCall;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_resource_group_template_deployment} (and its subscription, management-group
 * and tenant siblings): a template written as a literal heredoc, or read with {@code file()}
 * from inside the scanned tree, is scanned as the ARM template it deploys. Its
 * {@code parameters_content} supplies the parameter values where they are known.
 */
final class TemplateDeployments {
  private TemplateDeployments() {}

  static boolean isDeployment(String tfType) {
    return tfType.equals("azurerm_resource_group_template_deployment") || tfType.equals("azurerm_subscription_template_deployment")
        || tfType.equals("azurerm_management_group_template_deployment") || tfType.equals("azurerm_tenant_template_deployment");
  }

  static Optional<ReadResult> read(ModuleScope scope, ModuleScope.Instance i, TfEvaluator ev) {
    Optional<Attribute> content = i.block().body().attribute("template_content");
    if (content.isEmpty()) return Optional.empty();
    Location at = TfEvaluator.location(content.get().range());
    String file;
    String text;
    Path path;
    if (content.get().expr() instanceof TemplateExpr t && t.isLiteral() && !t.parts().isEmpty()) {
      // a literal heredoc: parse it where it stands, so template locations are lines of the .tf file
      int firstLine = t.parts().get(0).range().start().line();
      file = at.file();
      text = "\n".repeat(Math.max(0, firstLine - 1)) + t.literalText();
      path = scope.config.dir() != null ? scope.config.dir().resolve(Path.of(file).getFileName().toString()) : Path.of(file);
    } else if (content.get().expr() instanceof FunctionCall f && f.name().equals("file") && f.args().size() == 1) {
      Value p = ev.eval(f.args().get(0));
      if (!(p instanceof Value.Str ps)) return note(scope, at, "its template path is not known");
      ModuleScope.FileText ft = scope.readFile(ps.value());
      if (ft.text() == null) return note(scope, at, ft.missing() ? "template file " + ps.value() + " does not exist" : ft.unknownReason());
      file = ft.display();
      text = ft.text();
      path = Path.of(ps.value());
      if (scope.loader.rootDir != null && !path.isAbsolute()) path = scope.loader.rootDir.resolve(path);
      scope.loader.templateRead(path, file);
    } else {
      return note(scope, at, "its template_content is neither a literal heredoc nor file() of a file in the scanned tree");
    }
    Value root;
    try {
      root = TreeReader.readJson(file, text);
    } catch (SourceSyntaxException e) {
      scope.loader.error(e.location(), "template of " + i.address() + ": " + e.getMessage());
      return Optional.empty();
    }
    if (!isTemplate(root)) return note(scope, at, "its template_content is not an ARM template");
    // the deployed template is part of this module's deployment unit: it charges the module's budget
    return Optional.of(ArmReader.read(path, (Value.Obj) root, scope.loader.sources, new InputOptions(parameters(i, ev), List.of(), Map.of(), List.of(), Map.of()),
        scope.loader.budget));
  }

  /** {@code parameters_content = jsonencode({ p = { value = ... } })}: the known values, as --param would give them. */
  private static Map<String, String> parameters(ModuleScope.Instance i, TfEvaluator ev) {
    Map<String, String> out = new HashMap<>();
    Optional<Attribute> p = i.block().body().attribute("parameters_content");
    if (p.isEmpty()) return out;
    Value v = ev.eval(p.get().expr());
    if (!(v instanceof Value.Str s)) return out;
    try {
      if (TreeReader.readJson("parameters_content", s.value()) instanceof Value.Obj o) {
        o.fields().forEach((k, x) -> {
          Value pv = x instanceof Value.Obj po ? po.fields().get("value") : null;
          if (pv != null && TfValues.isWhollyKnown(pv)) {
            out.put(k, pv instanceof Value.Str ps ? ps.value() : EncodingFunctions.json(pv));
          }
        });
      }
    } catch (SourceSyntaxException | EvalError e) {
      // parameters that do not decode are left to the template's defaults
    }
    return out;
  }

  /** A deployment template names its schema ({@code .../deploymentTemplate.json#}, any scope). */
  private static boolean isTemplate(Value root) {
    return root instanceof Value.Obj o && o.get("$schema").orElse(null) instanceof Value.Str s
        && s.value().toLowerCase(java.util.Locale.ROOT).contains("deploymenttemplate.json");
  }

  private static Optional<ReadResult> note(ModuleScope scope, Location at, String why) {
    scope.loader.note(at, "the ARM template of this deployment is not scanned: " + why);
    return Optional.empty();
  }
}
