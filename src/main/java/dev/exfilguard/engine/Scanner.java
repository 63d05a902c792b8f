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
import java.nio.file.Files;
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
  private final Supplier<List<Rule>> rules;
  private final Path base;
  private Inputs.Selection selection = Inputs.Selection.ALL;
  private java.util.function.Function<Path, InputOptions> optionsFor;
  private java.util.function.Predicate<String> partOfUnit = f -> false;
  private java.util.function.Function<Path, List<Path>> configuredTemplates = p -> List.of();
  private Path configDir;

  public Scanner(List<Rule> rules, Path base) {
    this(rules, base, InputOptions.NONE);
  }

  public Scanner(List<Rule> rules, Path base, InputOptions options) {
    this(constant(List.copyOf(rules)), base, options);
  }

  /**
   * @param rules asked for once the inputs are read, so that a caller can still be loading them
   *     (the CLI loads the built-in rules on another thread while the files are read)
   */
  public Scanner(Supplier<List<Rule>> rules, Path base, InputOptions options) {
    this.rules = rules;
    this.base = base.toAbsolutePath().normalize();
    this.optionsFor = p -> options;
  }

  private static Supplier<List<Rule>> constant(List<Rule> rules) {
    return () -> rules;
  }

  /**
   * The config file's directory: what its {@code inputs:} name (templates of a parameters file,
   * parameters files of a template) is inside the tree read, as the config loader checked.
   */
  public Scanner configDirectory(Path dir) {
    this.configDir = dir == null ? null : dir.toAbsolutePath().normalize();
    return this;
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

  /**
   * What a scan found, with the resources it read (the suppression stage reads their metadata),
   * one deployment unit at a time.
   */
  public record Scanned(ScanReport report, List<Resource> resources, List<Deployment> deployments) {}

  /**
   * One deployment unit as read: a template or a Terraform root module, its files, its resources
   * and their graph.
   */
  public record Deployment(String input, List<String> files, ResourceGraph graph) {}

  public ScanReport scan(List<Path> paths, String toolVersion) {
    return scanned(paths, toolVersion).report();
  }

  public Scanned scanned(List<Path> paths, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    return scanned(Inputs.discover(paths, display, selection), localFiles(paths), paths, toolVersion);
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
    return scanned(inputs, sources, List.of(), toolVersion);
  }

  /** @param paths the directories walked for {@code inputs}: modules found below them may report from outside them */
  private Scanned scanned(Inputs inputs, SourceFiles sources, List<Path> paths, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    Set<Diagnostic> said = new HashSet<>(diagnostics);
    java.util.LinkedHashSet<String> files = new java.util.LinkedHashSet<>();
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<List<Loaded>>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) {
      tasks.add(guarded(sources.display(e.getKey()), () -> loadJson(e.getKey(), e.getValue(), sources, inputs)));
    }
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) {
      tasks.add(guarded(sources.display(m.getKey()), () -> List.of(loadModule(m.getKey(), m.getValue(), sources))));
    }
    for (Path b : inputs.bicep().keySet()) tasks.add(guarded(sources.display(b), () -> loadBicep(b, sources)));
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    List<Deployment> deployments = new ArrayList<>();
    List<Loaded> loaded = load(tasks);
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
    List<Rule> rules = List.copyOf(this.rules.get());
    for (Loaded l : loaded) {
      if (readAsPart.contains(l.input())) continue;
      resources.addAll(l.deployment() == null ? l.resources() : l.resources().stream().map(r -> new Resource(r.type(), r.name(),
          inDeployment(r.address(), l.deployment()), r.body(), r.location(), r.format(), r.existing(), r.flags())).toList());
      Map<String, Location> declared = new java.util.HashMap<>();
      for (Resource r : l.resources()) declared.putIfAbsent(r.address(), r.location());
      files.addAll(l.files());
      // a template judged once per parameters file says the same about itself each time
      for (Diagnostic d : l.diagnostics()) if (said.add(d)) diagnostics.add(d);
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      if (l.input() != null) deployments.add(new Deployment(display.of(l.input()), l.files(), graph));
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          List<Finding.Related> related = new ArrayList<>(h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList());
          String file = h.location().file();
          // a local module outside the scanned paths, reached from a scanned root: its findings
          // are reported where they are, with the call that brought it in (the git modes' units
          // say themselves which files are theirs)
          boolean outsideChild = l.terraform() && l.files().contains(file) && !discovered.contains(file) && !partOfUnit.test(file);
          if (outsideChild) {
            // files named one by one report only on themselves
            if (selection.hook() || !walked(l.input(), paths)) continue;
            callOf(h.resourceAddress(), l.moduleCalls()).ifPresent(c -> related.add(0, c));
          }
          // named files only: the rest of their module is context
          if (contextOnly.contains(file)) continue;
          findings.add(new Finding(rule.meta().id(), h.severity() != null ? h.severity() : rule.meta().severity(), h.message(),
              h.location(), inDeployment(h.resourceAddress(), l.deployment()), h.attributePath(), related,
              declared.get(h.resourceAddress())));
        }
      }
    }
    return new Scanned(new ScanReport(findings, diagnostics, rules.stream().map(Rule::meta).toList(), List.copyOf(files), toolVersion),
        resources, deployments);
  }

  /** Whether a module directory was found by walking a scanned directory, rather than by naming its files. */
  private static boolean walked(Path moduleDir, List<Path> paths) {
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (Files.isDirectory(abs) && moduleDir.startsWith(abs)) return true;
    }
    return false;
  }

  /**
   * The module call that brought in the module an address lies in: {@code module.net.module.snet}
   * for {@code module.net[0].module.snet.azurerm_subnet.s} (instance keys are not part of a call's address).
   */
  private static Optional<Finding.Related> callOf(String address, Map<String, Location> calls) {
    String bare = address.replaceAll("\\[[^\\]]*\\]", "");
    int end = bare.lastIndexOf("module.");
    if (end < 0) return Optional.empty();
    int dot = bare.indexOf('.', end + "module.".length());
    String call = dot < 0 ? bare : bare.substring(0, dot);
    Location at = calls.get(call);
    return at == null ? Optional.empty() : Optional.of(new Finding.Related(at, "module call " + call));
  }

  /**
   * Evaluation threads get a stack of their own size: evaluators bound their nesting
   * ({@link dev.exfilguard.source.Budget#MAX_DEPTH}), and this keeps that bound clear of the
   * default stack of pool threads, whatever the JVM's {@code -Xss}.
   */
  private static final long STACK_BYTES = 64L << 20;

  /** Runs the inputs' reads on all cores; the results keep the tasks' order. */
  private static List<Loaded> load(List<Supplier<List<Loaded>>> tasks) {
    int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    @SuppressWarnings("unchecked")
    List<Loaded>[] out = new List[tasks.size()];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(null, () -> {
        for (int i; (i = next.getAndIncrement()) < out.length; ) out[i] = tasks.get(i).get();
      }, "exfilguard-read-" + t, STACK_BYTES);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
    List<Loaded> all = new ArrayList<>();
    for (List<Loaded> l : out) all.addAll(l);
    return all;
  }

  /**
   * One input's read; a defect of ours that escapes the readers' own limits loses that input
   * only, with an error that says so (the memory of a failed read is garbage once it is dropped).
   */
  private static Supplier<List<Loaded>> guarded(String shown, Supplier<List<Loaded>> task) {
    return () -> {
      try {
        return task.get();
      } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
        String why = e instanceof OutOfMemoryError ? "ran out of memory" : e instanceof StackOverflowError ? "nested too deeply"
            : "met a defect in exfilguard (please report it)";
        return List.of(new Loaded(List.of(), List.of(), List.of(Diagnostic.error(new Location(shown, 1, 1), "not read: evaluation " + why))));
      }
    };
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
    List<Path> roots = new ArrayList<>(paths);
    if (configDir != null) roots.add(configDir);
    return new LocalSourceFiles(new Inputs.Paths(base), roots);
  }

  /**
   * What reading one input gave: the files read, their resources and diagnostics.
   *
   * @param deployment for one of several deployments of a template, which one (see {@link ArmReader.Deployment})
   */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path input, boolean terraform,
      List<Path> readAsPart, Map<String, Location> moduleCalls, List<Path> compiledTwins, String deployment) {
    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {
      this(files, resources, diagnostics, null, false, List.of(), Map.of(), List.of(), null);
    }

    /** This read with {@code before} said first. */
    Loaded after(List<Diagnostic> before) {
      if (before.isEmpty()) return this;
      List<Diagnostic> ds = new ArrayList<>(before);
      ds.addAll(diagnostics);
      return new Loaded(files, resources, ds, input, terraform, readAsPart, moduleCalls, compiledTwins, deployment);
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
    // walking a repository meets JSON files of every kind: only named files must be templates,
    // but one that cannot be read (or is empty) might have been one, so it is a note, not silence
    List<Diagnostic> unread = new ArrayList<>();
    Optional<String> text = sources.read(file, explicit ? diagnostics : unread);
    for (Diagnostic d : unread) diagnostics.add(Diagnostic.note(d.location(), "not scanned: " + d.message()));
    if (text.isEmpty()) return List.of(new Loaded(List.of(), List.of(), diagnostics));
    if (!explicit && text.get().isBlank()) {
      diagnostics.add(Diagnostic.note(new Location(shown, 1, 1), "not scanned: empty file"));
      return List.of(new Loaded(List.of(), List.of(), diagnostics));
    }
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
      out.add(new Loaded(List.of(shown), r.resources(), ds, file.toAbsolutePath().normalize(), false, List.of(), Map.of(), List.of(), d.label()));
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
      if (inputs.json().containsKey(template) || inputs.bicep().containsKey(template)) continue;
      String shownTemplate = sources.display(template);
      List<Diagnostic> ds = new ArrayList<>(out.isEmpty() ? diagnostics : List.of());
      if (BicepReader.isBicep(template)) {
        List<Loaded> read = configured ? loadBicep(template, sources) : List.of(loadBicep(template, sources, ArmReader.Deployment.of(template, file)));
        for (Loaded l : read) {
          out.add(l.after(ds));
          ds = new ArrayList<>();
        }
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
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), dir.toAbsolutePath().normalize(), true, part,
        r.moduleCalls(), List.of(), null);
  }

  /**
   * A {@code .bicep} file with what it reaches (its modules, read as part of it, not again on
   * their own), judged as each of its deployments: one per parameters JSON file beside it, else
   * the primary one ({@code <name>.bicepparam} naming it, or its defaults). A {@code .bicepparam}
   * file is the template its {@code using} names, with its values.
   */
  private List<Loaded> loadBicep(Path file, SourceFiles sources) {
    List<ArmReader.Deployment> deployments = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bicep")
        ? ArmReader.deployments(file, sources) : List.of(ArmReader.Deployment.DEFAULTS);
    List<Loaded> out = new ArrayList<>();
    for (ArmReader.Deployment d : deployments) out.add(loadBicep(file, sources, d == ArmReader.Deployment.DEFAULTS ? null : d));
    return out;
  }

  private Loaded loadBicep(Path file, SourceFiles sources, ArmReader.Deployment deployment) {
    BicepReader.Loaded r = BicepReader.read(file, sources, optionsFor.apply(file), deployment);
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), file.toAbsolutePath().normalize(), false,
        r.readAsPart(), Map.of(), r.compiledTwins(), deployment == null ? null : deployment.label());
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
      notes.add(Diagnostic.note(new Location(sources.display(json), 1, 1), "compiled by Bicep from "
          + name.substring(0, name.length() - ".json".length()) + ".bicep, which is scanned instead"));
    }
    return notes;
  }
}
