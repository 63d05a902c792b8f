package dev.exfilguard.engine;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.terraform.TerraformReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the pipeline: discover files, read them into the model, build a graph per deployment
 * unit, evaluate the rules, and collect findings and diagnostics. A file that cannot be read or
 * parsed becomes a diagnostic; the rest of the scan goes on.
 */
public final class Scanner {
  private final List<Rule> rules;
  private final Path base;
  private final InputOptions options;

  public Scanner(List<Rule> rules, Path base) {
    this(rules, base, InputOptions.NONE);
  }

  public Scanner(List<Rule> rules, Path base, InputOptions options) {
    this.rules = List.copyOf(rules);
    this.base = base.toAbsolutePath().normalize();
    this.options = options;
  }

  public ScanReport scan(List<Path> paths, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    Inputs inputs = Inputs.discover(paths, display);
    SourceFiles sources = new LocalSourceFiles(display, paths);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    List<String> files = new ArrayList<>();
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<Loaded>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) tasks.add(() -> loadJson(e.getKey(), e.getValue(), sources));
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) tasks.add(() -> loadModule(m.getKey(), m.getValue(), sources));
    List<Finding> findings = new ArrayList<>();
    List<Loaded> loaded = tasks.parallelStream().map(Supplier::get).toList();
    // a directory that a scanned root module calls as a local module is read as part of that
    // root (with the caller's inputs), not again on its own: that would report its findings twice
    Set<Path> childModules = new HashSet<>();
    for (Loaded l : loaded) childModules.addAll(l.childModules());
    Set<String> discovered = new HashSet<>();
    for (List<Path> fs : inputs.modules().values()) for (Path f : fs) discovered.add(display.of(f));
    for (Loaded l : loaded) {
      if (l.moduleDir() != null && childModules.contains(l.moduleDir())) continue;
      for (String f : l.files()) if (!files.contains(f)) files.add(f);
      diagnostics.addAll(l.diagnostics());
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          Finding f = new Finding(rule.meta().id(), h.severity() != null ? h.severity() : rule.meta().severity(), h.message(), h.location(), h.resourceAddress(),
              h.attributePath(), h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList());
          String file = f.location().file();
          // named files only (pre-commit); a local module outside the scanned paths is context
          boolean outsideChild = !l.childModules().isEmpty() && file.endsWith(".tf") && !discovered.contains(file);
          if (!contextOnly.contains(file) && !outsideChild) findings.add(f);
        }
      }
    }
    return new ScanReport(findings, diagnostics, rules.stream().map(Rule::meta).toList(), files, toolVersion);
  }

  /** What reading one input gave: the files read, their resources and diagnostics. */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path moduleDir, List<Path> childModules) {
    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {
      this(files, resources, diagnostics, null, List.of());
    }
  }

  private Loaded loadJson(Path file, boolean explicit, SourceFiles sources) {
    String shown = sources.display(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    // walking a repository meets JSON files of every kind: only named files must be templates
    Optional<String> text = sources.read(file, explicit ? diagnostics : new ArrayList<>());
    if (text.isEmpty()) return new Loaded(List.of(), List.of(), diagnostics);
    // a cheap test before parsing (subscription-, management-group- and tenant-scope templates
    // have their own schema names)
    if (!explicit && !text.get().toLowerCase(Locale.ROOT).contains("deploymenttemplate.json")) {
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    Value root;
    try {
      root = TreeReader.readJson(shown, text.get());
    } catch (SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    if (!TemplateReader.isTemplate(root)) {
      if (explicit) {
        diagnostics.add(Diagnostic.error(new Location(shown, 1, 1),
            TemplateReader.isParametersFile(root) ? "a parameters file, not a template: name the template instead"
                : "not an ARM template: its $schema does not name deploymentTemplate.json"));
      }
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    ReadResult r = ArmReader.read(file, (Value.Obj) root, sources, options);
    diagnostics.addAll(r.diagnostics());
    return new Loaded(List.of(shown), r.resources(), diagnostics);
  }

  private Loaded loadModule(Path dir, List<Path> moduleFiles, SourceFiles sources) {
    TerraformReader.Loaded r = TerraformReader.load(dir, moduleFiles, sources, options);
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), dir.toAbsolutePath().normalize(), r.childModules());
  }
}
