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
    Inputs inputs = Inputs.discover(paths, display, selection);
    SourceFiles sources = new LocalSourceFiles(display, paths);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    java.util.LinkedHashSet<String> files = new java.util.LinkedHashSet<>();
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<Loaded>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) {
      tasks.add(guarded(sources.display(e.getKey()), () -> loadJson(e.getKey(), e.getValue(), sources)));
    }
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) {
      tasks.add(guarded(sources.display(m.getKey()), () -> loadModule(m.getKey(), m.getValue(), sources)));
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
      resources.addAll(l.resources());
      Map<String, Location> declared = new java.util.HashMap<>();
      for (Resource r : l.resources()) declared.putIfAbsent(r.address(), r.location());
      files.addAll(l.files());
      diagnostics.addAll(l.diagnostics());
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      if (l.input() != null) deployments.add(new Deployment(display.of(l.input()), l.files(), graph));
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          List<Finding.Related> related = new ArrayList<>(h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList());
          String file = h.location().file();
          // a local module outside the scanned paths, reached from a scanned root: its findings
          // are reported where they are, with the call that brought it in
          boolean outsideChild = l.terraform() && l.files().contains(file) && !discovered.contains(file);
          if (outsideChild) {
            // files named one by one (a hook) report only on themselves
            if (selection.hook() || !walked(l.input(), paths)) continue;
            callOf(h.resourceAddress(), l.moduleCalls()).ifPresent(c -> related.add(0, c));
          }
          // named files only (pre-commit): the rest of their module is context
          if (contextOnly.contains(file)) continue;
          findings.add(new Finding(rule.meta().id(), h.severity() != null ? h.severity() : rule.meta().severity(), h.message(),
              h.location(), h.resourceAddress(), h.attributePath(), related, declared.get(h.resourceAddress())));
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
  private static List<Loaded> load(List<Supplier<Loaded>> tasks) {
    int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Loaded[] out = new Loaded[tasks.size()];
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
    return List.of(out);
  }

  /**
   * One input's read; a defect of ours that escapes the readers' own limits loses that input
   * only, with an error that says so (the memory of a failed read is garbage once it is dropped).
   */
  private static Supplier<Loaded> guarded(String shown, Supplier<Loaded> task) {
    return () -> {
      try {
        return task.get();
      } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
        String why = e instanceof OutOfMemoryError ? "ran out of memory" : e instanceof StackOverflowError ? "nested too deeply"
            : "met a defect in exfilguard (please report it)";
        return new Loaded(List.of(), List.of(), List.of(Diagnostic.error(new Location(shown, 1, 1), "not read: evaluation " + why)));
      }
    };
  }

  /** What reading one input gave: the files read, their resources and diagnostics. */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics, Path input, boolean terraform,
      List<Path> readAsPart, Map<String, Location> moduleCalls, List<Path> compiledTwins) {
    Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {
      this(files, resources, diagnostics, null, false, List.of(), Map.of(), List.of());
    }
  }

  private Loaded loadJson(Path file, boolean explicit, SourceFiles sources) {
    String shown = sources.display(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    // walking a repository meets JSON files of every kind: only named files must be templates,
    // but one that cannot be read (or is empty) might have been one, so it is a note, not silence
    List<Diagnostic> unread = new ArrayList<>();
    Optional<String> text = sources.read(file, explicit ? diagnostics : unread);
    for (Diagnostic d : unread) diagnostics.add(Diagnostic.note(d.location(), "not scanned: " + d.message()));
    if (text.isEmpty()) return new Loaded(List.of(), List.of(), diagnostics);
    if (!explicit && text.get().isBlank()) {
      diagnostics.add(Diagnostic.note(new Location(shown, 1, 1), "not scanned: empty file"));
      return new Loaded(List.of(), List.of(), diagnostics);
    }
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
    return new Loaded(List.of(shown), r.resources(), diagnostics, file.toAbsolutePath().normalize(), false, List.of(), Map.of(), List.of());
  }

  private Loaded loadModule(Path dir, List<Path> moduleFiles, SourceFiles sources) {
    TerraformReader.Loaded r = TerraformReader.load(dir, moduleFiles, sources, optionsFor.apply(dir));
    List<Path> part = new ArrayList<>(r.childModules());
    part.addAll(r.deployedTemplates());
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), dir.toAbsolutePath().normalize(), true, part, r.moduleCalls(), List.of());
  }

  /**
   * A {@code .bicep} or {@code .bicepparam} file with what it reaches: its modules (read as part
   * of it, not again on their own) and the template a parameters file names.
   */
  private Loaded loadBicep(Path file, SourceFiles sources) {
    BicepReader.Loaded r = BicepReader.read(file, sources, optionsFor.apply(file));
    return new Loaded(r.files(), r.result().resources(), r.result().diagnostics(), file.toAbsolutePath().normalize(), false,
        r.readAsPart(), Map.of(), r.compiledTwins());
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
