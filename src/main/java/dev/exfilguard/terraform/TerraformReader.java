package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Terraform root module (a directory's {@code .tf} and {@code .tf.json} files together)
 * the way {@code terraform plan} would evaluate it, without providers or network: variables with
 * Terraform's precedence, locals, local modules, {@code count}/{@code for_each}, {@code dynamic}
 * blocks. Mapped resources of the whole module tree become model resources; files that do not
 * parse are reported and left out, and the module's other files are still read.
 */
public final class TerraformReader {
  private TerraformReader() {}

  /** A file's display path and its text. */
  public record SourceText(String file, String text) {}

  /**
   * A module as the engine loads it: the files that were read (including local child modules'
   * and deployed ARM templates'), what they hold, and the inputs read as part of it (the engine
   * does not scan those again on their own: their findings would be reported twice).
   *
   * @param childModules directories loaded as local modules of this one
   * @param deployedTemplates ARM template files scanned as the template of a template deployment
   * @param moduleCalls where each local module call is written, by its address ({@code module.net})
   */
  public record Loaded(List<String> files, ReadResult result, List<Path> childModules, List<Path> deployedTemplates,
      Map<String, Location> moduleCalls) {
    public Loaded(List<String> files, ReadResult result) {
      this(files, result, List.of(), List.of(), Map.of());
    }
  }

  /**
   * The engine's entry point: a root module directory's files, with the values the user
   * supplied. Local modules are read from disk; registry and git modules never are.
   */
  public static Loaded load(Path dir, List<Path> moduleFiles, SourceFiles sources, InputOptions options) {
    Path root = dir.toAbsolutePath().normalize();
    Loader loader = new Loader(sources, options, root);
    ModuleConfig config = loader.parse(root, moduleFiles);
    ModuleScope scope = ModuleScope.root(config, loader, Variables.rootValues(config, loader));
    ReadResult r = collect(scope, loader);
    return new Loaded(loader.files(), r, List.copyOf(loader.childDirs()), List.copyOf(loader.templates()), loader.calls());
  }

  /** A module given as texts only (tests, fixtures): no tfvars, no child modules, no files read. */
  public static ReadResult readModule(String dir, List<SourceText> files) {
    Loader loader = new Loader(null, InputOptions.NONE, null);
    List<Body> bodies = new ArrayList<>();
    for (SourceText f : files) loader.parseText(f.file(), f.text()).ifPresent(bodies::add);
    ModuleScope scope = ModuleScope.root(ModuleConfig.of(null, dir, bodies), loader, Map.of());
    return collect(scope, loader);
  }

  /** Whether a JSON document is {@code terraform show -json} output. */
  public static boolean isPlan(Value root) {
    return PlanReader.isPlan(root);
  }

  /** A plan's resources, located at the plan file. */
  public static ReadResult readPlan(Path file, Value.Obj plan, SourceFiles sources, InputOptions options) {
    return PlanReader.read(sources.display(file), plan);
  }

  private static ReadResult collect(ModuleScope root, Loader loader) {
    List<Resource> out = new ArrayList<>();
    try {
      for (ModuleScope s : root.tree()) {
        for (Block b : s.config.resources().values()) {
          for (ModuleScope.Instance i : s.instances("managed", b)) {
            try {
              adapt(s, i, out);
            } catch (RuntimeException e) {
              // a defect of ours must not stop the scan: the resource is reported as not read
              loader.error(TfEvaluator.location(b.range()), i.address() + " could not be evaluated (a defect in exfilguard; please report it)");
            }
          }
        }
        for (Block b : s.config.data().values()) {
          for (ModuleScope.Instance i : s.instances("data", b)) adaptData(s, i, out);
        }
        s.checkLocals();
      }
    } catch (StackOverflowError e) {
      loader.error(new Location(root.config.display(), 1, 1), "configuration nested too deeply to evaluate");
    }
    return new ReadResult(Patches.apply(out, loader.patches), loader.diagnostics());
  }

  private static void adapt(ModuleScope scope, ModuleScope.Instance i, List<Resource> out) {
    String tfType = i.type();
    TfEvaluator ev = scope.evaluatorFor(i);
    Block b = i.block();
    Location at = TfEvaluator.location(b.range());
    Optional<AzurermMapping.Type> type = AzurermMapping.of(tfType);
    if (type.isPresent()) {
      Value.Obj body = type.get().mapping().build(b.body(), at, ev);
      List<Term> segs = TerraformIds.nameSegments(b, type.get(), ev);
      out.add(Resource.named(type.get().armType(), name(segs, i, type.get().parents()), i.address(), body, at, SourceFormat.TERRAFORM, false, i.flags()));
      return;
    }
    AzurermMapping.PatchType patch = AzurermMapping.PATCHES.get(tfType);
    if (patch != null) {
      Value target = b.body().attribute(patch.targetAttribute()).map(a -> ev.eval(a.expr()))
          .or(() -> TerraformIds.term(b, "storage_account_name", ev)
              // azurerm 3.x named the account instead (storage_account_name, removed in 4.0)
              .map(n -> TerraformIds.build("Microsoft.Storage/storageAccounts", List.of(n), Meta.explicit(at))))
          .orElseGet(() -> new Value.Unknown(patch.targetAttribute() + " not set", Meta.explicit(at)));
      scope.loader.patches.add(new Loader.Patch(target, patch.path(), patch.mapping().build(b.body(), at, ev), false, null));
      return;
    }
    if (tfType.equals("azapi_resource") || tfType.equals("azapi_update_resource")) {
      Optional<Azapi.Target> t = Azapi.target(b, ev);
      Optional<String> armType = t.map(Azapi.Target::type).or(() -> Azapi.armType(b, ev));
      if (armType.isEmpty()) {
        scope.loader.note(at, i.address() + ": its type is not known, so its body is not scanned");
        return;
      }
      List<Term> names = t.map(Azapi.Target::names).orElseGet(() -> {
        List<Term> n = new ArrayList<>();
        for (int k = 1; k < armType.get().split("/").length; k++) n.add(null);
        n.set(n.size() - 1, TerraformIds.term(b, "name", ev).orElse(null));
        return n;
      });
      Resource r = Resource.named(armType.get(), name(names, i, List.of("parent_id")), i.address(), Azapi.body(b, ev, at), at,
          SourceFormat.TERRAFORM, false, i.flags());
      if (tfType.equals("azapi_resource")) {
        out.add(r);
      } else {
        // the target by reference when resource_id names it so (azurerm_subnet.x.id), else by its ID
        Value given = b.body().attribute("resource_id").map(a -> ev.eval(a.expr())).orElse(null);
        Value id = t.<Value>map(x -> TerraformIds.build(x.type(), x.names(), Meta.explicit(at)))
            .orElseGet(() -> new Value.Unknown("target not known", Meta.explicit(at)));
        if (given != null && given.meta().ref() != null) id = id.withMeta(id.meta().withRef(given.meta().ref()));
        // an update of a resource this configuration does not declare still shows what it sets
        scope.loader.patches.add(new Loader.Patch(id, "", r.body(), true, r));
      }
      return;
    }
    if (TemplateDeployments.isDeployment(tfType)) {
      TemplateDeployments.read(scope, i, ev).ifPresent(r -> {
        out.addAll(r.resources());
        scope.loader.addDiagnostics(r.diagnostics());
      });
    }
  }

  /** A data source of a mapped type: an existing node to link to, whose attributes are Unknown. */
  private static void adaptData(ModuleScope scope, ModuleScope.Instance i, List<Resource> out) {
    Optional<AzurermMapping.Type> type = AzurermMapping.of(i.type());
    if (type.isEmpty()) return;
    TfEvaluator ev = scope.evaluatorFor(i);
    Location at = TfEvaluator.location(i.block().range());
    List<Term> segs = TerraformIds.nameSegments(i.block(), type.get(), ev);
    Value.Obj body = new Value.Obj(Map.of("properties", new Value.Unknown(i.address() + " is read from Azure at plan time", Meta.explicit(at))),
        Meta.explicit(at));
    out.add(Resource.named(type.get().armType(), name(segs, i, type.get().parents()), i.address(), body, at, SourceFormat.TERRAFORM, true, i.flags()));
  }

  /**
   * A resource's full name from its segments; a segment Unknown in a way no symbol says is a
   * symbol of its own for this instance ({@code {azurerm_subnet.x.name}}), which links to nothing.
   */
  private static Term name(List<Term> segs, ModuleScope.Instance i, List<String> parentAttributes) {
    List<Term> out = new ArrayList<>();
    for (int k = 0; k < segs.size(); k++) {
      Term t = segs.get(k);
      if (t == null) {
        String attr = k == segs.size() - 1 ? "name" : k < parentAttributes.size() ? parentAttributes.get(k) : "parent";
        t = Term.symbol("attribute:" + i.address() + "." + attr + "#" + k, i.address() + "." + attr, null);
      }
      out.add(t);
    }
    return Term.join(out, "/");
  }
}
