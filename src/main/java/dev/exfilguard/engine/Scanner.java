package dev.exfilguard.engine;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.bicep.BicepReader;
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
  private Inputs.Selection selection = Inputs.Selection.ALL;
  private java.util.function.Function<Path, InputOptions> optionsFor;

  public Scanner(List<Rule> rules, Path base) {
    this(rules, base, InputOptions.NONE);
  }

  public Scanner(List<Rule> rules, Path base, InputOptions options) {
    this.rules = List.copyOf(rules);
    this.base = base.toAbsolutePath().normalize();
    this.optionsFor = p -> options;
  }

  /** Which files discovery keeps (config-file exclusions) and how named files are taken (hook mode). */
  public Scanner select(Inputs.Selection selection) {
    this.selection = selection;
    return this;
  }

  /**
   * The input values for one template file or module directory: the command line's, plus the
   * parameters and var files the config file names for that path.
   */
  public Scanner inputsPer(java.util.function.Function<Path, InputOptions> optionsFor) {
    this.optionsFor = optionsFor;
    return this;
  }

  /** What a scan found, with the resources it read (the suppression stage reads their metadata). */
  public record Scanned(ScanReport report, List<Resource> resources) {}

  public ScanReport scan(List<Path> paths, String toolVersion) {
    return scanned(paths, toolVersion).report();
  }

  public Scanned scanned(List<Path> paths, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    Inputs inputs = Inputs.discover(paths, display, selection);
    SourceFiles sources = new LocalSourceFiles(display, paths);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    List<String> files = new ArrayList<>();
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<Loaded>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) tasks.add(() -> loadJson(e.getKey(), e.getValue(), sources));
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) tasks.add(() -> loadModule(m.getKey(), m.getValue(), sources));
    for (Path b : inputs.bicep().keySet()) tasks.add(() -> loadBicep(b, sources));
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    List<Loaded> loaded = tasks.parallelStream().map(Supplier::get).toList();
    // a directory that a scanned root module calls as a local module, or an ARM template it
    // deploys, is read as part of that root (with the caller's inputs), not again on its own:
    // that would report its findings twice
    Set<Path> readAsPart = new HashSet<>();
    for (Loaded l : loaded) readAsPart.addAll(l.readAsPart());
    diagnostics.addAll(compiledTwins(loaded, inputs, readAsPart, sources));
    Set<String> discovered = new HashSet<>();
    for (List<Path> fs : inputs.modules().values()) for (Path f : fs) discovered.add(display.of(f));
    for (Path f : inputs.json().keySet()) discovered.add(display.of(f));
    for (Path f : inputs.bicep().keySet()) discovered.add(display.of(f));
    for (Loaded l : loaded) {
      if (readAsPart.contains(l.input())) continue;
      resources.addAll(l.resources());
      Map<String, Location> declared = new java.util.HashMap<>();
      for (Resource r : l.resources()) declared.putIfAbsent(r.address(), r.location());
      for (String f : l.files()) if (!files.contains(f)) files.add(f);
      diagnostics.addAll(l.diagnostics());
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          Finding f = new Finding(rule.meta().id(), h.severity() != null ? h.severity() : rule.meta().severity(), h.message(),
              h.location(), h.resourceAddress(), h.attributePath(),
              h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList(),
              declared.get(h.resourceAddress()));
          String file = f.location().file();
          // named files only (pre-commit); a local module outside the scanned paths is context
          boolean outsideChild = l.terraform() && l.files().contains(file) && !discovered.contains(file);
          if (!contextOnly.contains(file) && !outsideChild) findings.add(f);
        }
      }
    }
    return new Scanned(new ScanReport(findings, diagnostics, rules.stream().map(Rule::meta).toList(), files, toolVersion),
        resources);
  }

  /** What reading one input gave: the files read, their resources and diagnostics. */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path input, boolean terraform,
      List<Path> readAsPart, List<Path> compiledTwins) {
    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {
      this(files, resources, diagnostics, null, false, List.of());
    }

    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path input, boolean terraform, List<Path> readAsPart) {
      this(files, resources, diagnostics, input, terraform, readAsPart, List.of());
    }
  }

  private Loaded loadJson(Path file, boolean explicit, SourceFiles sources) {
    String shown = sources.display(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    // walking a repository meets JSON files of every kind: only named files must be templates
    Optional<String> text = sources.read(file, explicit ? diagnostics : new ArrayList<>());
    if (text.isEmpty()) return new Loaded(List.of(), List.of(), diagnostics);
    // a cheap test before parsing (subscription-, management-group- and tenant-scope templates
    // have their own schema names; terraform show -json output starts with format_version)
    boolean maybePlan = text.get().contains("\"format_version\"");
    if (!explicit && !maybePlan && !text.get().toLowerCase(Locale.ROOT).contains("deploymenttemplate.json")) {
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    Value root;
    try {
      root = TreeReader.readJson(shown, text.get());
    } catch (SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    if (maybePlan && TerraformReader.isPlan(root)) {
      ReadResult r = TerraformReader.readPlan(file, (Value.Obj) root, sources, optionsFor.apply(file));
      diagnostics.addAll(r.diagnostics());
      return new Loaded(List.of(shown), r.resources(), diagnostics);
    }
    if (!TemplateReader.isTemplate(root)) {
      if (explicit) {
        diagnostics.add(Diagnostic.error(new Location(shown, 1, 1),
            TemplateReader.isParametersFile(root) ? "a parameters file, not a template: name the template instead"
                : "not an ARM template: its $schema does not name deploymentTemplate.json"));
      }
      return new Loaded(List.of(), List.of(), diagnostics);
    }
    ReadResult r = ArmReader.read(file, (Value.Obj) root, sources, optionsFor.apply(file));
    diagnostics.addAll(r.diagnostics());
    return new Loaded(List.of(shown), r.resources(), diagnostics, file.toAbsolutePath().normalize(), false, List.of());
  }

  private Loaded loadModule(Path dir, List<Path> moduleFiles, SourceFiles sources) {
    TerraformReader.Loaded r = TerraformReader.load(dir, moduleFiles, sources, optionsFor.apply(dir));
    List<Path> part = new ArrayList<>(r.childModules());
    part.addAll(r.deployedTemplates());
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), dir.toAbsolutePath().normalize(), true, part);
  }

  /**
   * A {@code .bicep} or {@code .bicepparam} file with what it reaches: its modules (read as part
   * of it, not again on their own) and the template a parameters file names.
   */
  private Loaded loadBicep(Path file, SourceFiles sources) {
    BicepReader.Loaded r = BicepReader.read(file, sources, optionsFor.apply(file));
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), file.toAbsolutePath().normalize(), false,
        r.readAsPart(), r.compiledTwins());
  }

  /**
   * The {@code main.json} the Bicep compiler wrote beside a {@code main.bicep} read in this scan
   * is the same deployment: it is not judged a second time. One note for each one skipped.
   */
  private static List<Diagnostic> compiledTwins(List<Loaded> loaded, Inputs inputs, Set<Path> readAsPart, SourceFiles sources) {
    java.util.TreeSet<Path> twins = new java.util.TreeSet<>();
    for (Loaded l : loaded) twins.addAll(l.compiledTwins());
    List<Diagnostic> notes = new ArrayList<>();
    for (Path json : twins) {
      Path input = inputs.json().keySet().stream().filter(p -> p.toAbsolutePath().normalize().equals(json)).findFirst().orElse(null);
      if (input == null || !BicepReader.compiledByBicep(json, sources)) continue;
      readAsPart.add(json);
      String name = json.getFileName().toString();
      notes.add(Diagnostic.note(new Location(sources.display(json), 0, 0), "compiled by Bicep from "
          + name.substring(0, name.length() - ".json".length()) + ".bicep, which is scanned instead"));
    }
    return notes;
  }
}
