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
  private Inputs.Selection selection = Inputs.Selection.ALL;
  private java.util.function.Function<Path, InputOptions> optionsFor;
  private java.util.function.Predicate<String> partOfUnit = f -> false;
  private java.util.function.Function<Path, List<Path>> configuredTemplates = p -> List.of();

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
    return scanned(Inputs.discover(paths, display, selection), new LocalSourceFiles(display, paths), toolVersion);
  }

  /**
   * Findings in files this accepts (display paths) are reported even when discovery did not meet
   * them: the git modes scan whole deployment units, and a unit's local modules and deployed
   * templates inside the scanned paths are part of it.
   */
  public Scanner reportAlso(java.util.function.Predicate<String> partOfUnit) {
    this.partOfUnit = partOfUnit;
    return this;
  }

  /** Scans inputs found elsewhere (the git modes' deployment units), reading files through {@code sources}. */
  public Scanned scanned(Inputs inputs, SourceFiles sources, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    Set<Diagnostic> said = new HashSet<>(diagnostics);
    List<String> files = new ArrayList<>();
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<List<Loaded>>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) tasks.add(() -> loadJson(e.getKey(), e.getValue(), sources, inputs));
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) tasks.add(() -> List.of(loadModule(m.getKey(), m.getValue(), sources)));
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    List<Loaded> loaded = tasks.parallelStream().map(Supplier::get).flatMap(List::stream).toList();
    // a directory that a scanned root module calls as a local module, or an ARM template it
    // deploys, is read as part of that root (with the caller's inputs), not again on its own:
    // that would report its findings twice
    Set<Path> readAsPart = new HashSet<>();
    for (Loaded l : loaded) readAsPart.addAll(l.readAsPart());
    Set<String> discovered = new HashSet<>();
    for (List<Path> fs : inputs.modules().values()) for (Path f : fs) discovered.add(display.of(f));
    for (Path f : inputs.json().keySet()) discovered.add(display.of(f));
    for (Loaded l : loaded) {
      if (readAsPart.contains(l.input())) continue;
      resources.addAll(l.deployment() == null ? l.resources() : l.resources().stream().map(r -> new Resource(r.type(), r.name(),
          inDeployment(r.address(), l.deployment()), r.body(), r.location(), r.format(), r.existing(), r.flags())).toList());
      Map<String, Location> declared = new java.util.HashMap<>();
      for (Resource r : l.resources()) declared.putIfAbsent(r.address(), r.location());
      for (String f : l.files()) if (!files.contains(f)) files.add(f);
      // a template judged once per parameters file says the same about itself each time
      for (Diagnostic d : l.diagnostics()) if (said.add(d)) diagnostics.add(d);
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          Finding f = new Finding(rule.meta().id(), h.severity() != null ? h.severity() : rule.meta().severity(), h.message(),
              h.location(), inDeployment(h.resourceAddress(), l.deployment()), h.attributePath(),
              h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList(),
              declared.get(h.resourceAddress()));
          String file = f.location().file();
          // named files only (pre-commit); a local module outside the scanned paths is context
          boolean outsideChild = l.terraform() && l.files().contains(file) && !discovered.contains(file) && !partOfUnit.test(file);
          if (!contextOnly.contains(file) && !outsideChild) findings.add(f);
        }
      }
    }
    return new Scanned(new ScanReport(findings, diagnostics, rules.stream().map(Rule::meta).toList(), files, toolVersion),
        resources);
  }

  /**
   * A resource's address in one of its template's deployments: {@code type/name [prod.parameters.json]}.
   * The deployment is part of the address, so of the fingerprint: each environment's findings
   * are its own in baselines and diff-base. The primary deployment (null) keeps the plain address.
   */
  static String inDeployment(String address, String deployment) {
    return deployment == null ? address : address + " [" + deployment + "]";
  }

  /** The address without its deployment ({@code type/name} for {@code type/name [prod.parameters.json]}). */
  public static String withoutDeployment(String address) {
    return DEPLOYMENT_SUFFIX.matcher(address).replaceFirst("");
  }

  /** The deployment an address is in ({@code prod.parameters.json} for {@code type/name [prod.parameters.json]}), if it names one. */
  public static Optional<String> deploymentOf(String address) {
    java.util.regex.Matcher m = DEPLOYMENT_SUFFIX.matcher(address);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static final java.util.regex.Pattern DEPLOYMENT_SUFFIX = java.util.regex.Pattern.compile(" \\[([^\\[\\]]*\\.json)\\]$");

  /** The disk's files for a scan of {@code paths} (the working tree of {@code --diff-base}). */
  public SourceFiles localFiles(List<Path> paths) {
    return new LocalSourceFiles(new Inputs.Paths(base), paths);
  }

  /**
   * What reading one input gave: the files read, their resources and diagnostics.
   *
   * @param deployment for one of several deployments of a template, which one (see {@link ArmReader.Deployment})
   */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path input, boolean terraform,
      List<Path> readAsPart, String deployment) {
    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {
      this(files, resources, diagnostics, null, false, List.of(), null);
    }
  }

  /**
   * The templates the config file gives a parameters file to ({@code inputs:} entries whose
   * {@code parameters} name it): where a named parameters file's template is found when its name
   * does not say.
   */
  public Scanner configuredTemplates(java.util.function.Function<Path, List<Path>> templatesFor) {
    this.configuredTemplates = templatesFor;
    return this;
  }

  private List<Loaded> loadJson(Path file, boolean explicit, SourceFiles sources, Inputs inputs) {
    String shown = sources.display(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    // walking a repository meets JSON files of every kind: only named files must be templates
    Optional<String> text = sources.read(file, explicit ? diagnostics : new ArrayList<>());
    if (text.isEmpty()) return List.of(new Loaded(List.of(), List.of(), diagnostics));
    // a cheap test before parsing (subscription-, management-group- and tenant-scope templates
    // have their own schema names; terraform show -json output starts with format_version)
    boolean maybePlan = text.get().contains("\"format_version\"");
    if (!explicit && !maybePlan && !text.get().toLowerCase(Locale.ROOT).contains("deploymenttemplate.json")) {
      return List.of(new Loaded(List.of(), List.of(), diagnostics));
    }
    Value root;
    try {
      root = TreeReader.readJson(shown, text.get());
    } catch (SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
      return List.of(new Loaded(List.of(), List.of(), diagnostics));
    }
    if (maybePlan && TerraformReader.isPlan(root)) {
      ReadResult r = TerraformReader.readPlan(file, (Value.Obj) root, sources, optionsFor.apply(file));
      diagnostics.addAll(r.diagnostics());
      return List.of(new Loaded(List.of(shown), r.resources(), diagnostics));
    }
    if (!TemplateReader.isTemplate(root)) {
      if (explicit && TemplateReader.isParametersFile(root)) return loadParametersFile(file, sources, inputs, diagnostics);
      if (explicit) {
        diagnostics.add(Diagnostic.error(new Location(shown, 1, 1), "not an ARM template: its $schema does not name deploymentTemplate.json"));
      }
      return List.of(new Loaded(List.of(), List.of(), diagnostics));
    }
    return loadTemplate(file, (Value.Obj) root, sources, ArmReader.deployments(file, sources), diagnostics);
  }

  /** A template judged as each of {@code deployments}: one graph each, and one set of findings each. */
  private List<Loaded> loadTemplate(Path file, Value.Obj root, SourceFiles sources, List<ArmReader.Deployment> deployments,
      List<Diagnostic> diagnostics) {
    String shown = sources.display(file);
    List<Loaded> out = new ArrayList<>();
    for (ArmReader.Deployment d : deployments) {
      ReadResult r = ArmReader.read(file, root, sources, optionsFor.apply(file), d);
      List<Diagnostic> ds = new ArrayList<>(out.isEmpty() ? diagnostics : List.of());
      ds.addAll(r.diagnostics());
      out.add(new Loaded(List.of(shown), r.resources(), ds, file.toAbsolutePath().normalize(), false, List.of(), d.label()));
    }
    return out;
  }

  /**
   * A parameters file named on its own is an entry point: its template is judged with its
   * values. The template is found by the file's name ({@code x.parameters.prod.json} beside
   * {@code x.json}), else in the config file's {@code inputs:} (then judged as each of its
   * deployments, with the config's parameters on top). A template that is scanned anyway is not
   * judged twice.
   */
  private List<Loaded> loadParametersFile(Path file, SourceFiles sources, Inputs inputs, List<Diagnostic> diagnostics) {
    String shown = sources.display(file);
    List<Path> templates = ArmReader.templatesFor(file, sources);
    boolean configured = templates.isEmpty();
    if (configured) templates = configuredTemplates.apply(file.toAbsolutePath().normalize());
    if (templates.isEmpty()) {
      String looked = ArmReader.templateStem(file.getFileName().toString()).map(t -> t + ".json or " + t + ".bicep beside it, or ").orElse("");
      diagnostics.add(Diagnostic.note(new Location(shown, 1, 1),
          "parameters file with no template to apply it to (looked for " + looked + "an inputs: entry of the config file naming it); nothing scanned"));
      return List.of(new Loaded(List.of(), List.of(), diagnostics));
    }
    List<Loaded> out = new ArrayList<>();
    for (Path t : templates) {
      Path template = t.toAbsolutePath().normalize();
      if (inputs.json().containsKey(template)) continue;
      String shownTemplate = sources.display(template);
      List<Diagnostic> ds = new ArrayList<>(out.isEmpty() ? diagnostics : List.of());
      if (template.getFileName().toString().endsWith(".bicep")) {
        // the Bicep reader takes over here once it reads .bicep templates
        ds.add(Diagnostic.note(new Location(shown, 1, 1), "its template " + shownTemplate + " is Bicep source, which is not read yet; nothing scanned"));
        out.add(new Loaded(List.of(), List.of(), ds));
        continue;
      }
      Optional<String> text = sources.read(template, ds);
      Value root = null;
      if (text.isPresent()) {
        try {
          root = TreeReader.readJson(shownTemplate, text.get());
        } catch (SourceSyntaxException e) {
          ds.add(Diagnostic.error(e.location(), e.getMessage()));
        }
      }
      if (root != null && !TemplateReader.isTemplate(root)) {
        ds.add(Diagnostic.note(new Location(shown, 1, 1), "its template " + shownTemplate + " is not an ARM template; nothing scanned"));
        root = null;
      }
      if (root == null) {
        out.add(new Loaded(List.of(), List.of(), ds));
        continue;
      }
      out.addAll(loadTemplate(template, (Value.Obj) root, sources,
          configured ? ArmReader.deployments(template, sources) : List.of(ArmReader.Deployment.of(template, file)), ds));
    }
    if (out.isEmpty()) out.add(new Loaded(List.of(), List.of(), diagnostics));
    return out;
  }

  private Loaded loadModule(Path dir, List<Path> moduleFiles, SourceFiles sources) {
    TerraformReader.Loaded r = TerraformReader.load(dir, moduleFiles, sources, optionsFor.apply(dir));
    List<Path> part = new ArrayList<>(r.childModules());
    part.addAll(r.deployedTemplates());
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), dir.toAbsolutePath().normalize(), true, part, null);
  }
}
