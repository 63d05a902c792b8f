package dev.exfilguard.engine;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.terraform.TerraformReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the pipeline: discover files, read them into the model, build the graph, evaluate the
 * rules, and collect findings and diagnostics. A file that cannot be read or parsed becomes a
 * diagnostic; the rest of the scan goes on.
 */
public final class Scanner {
  /** Larger files are reported rather than read: no real template comes near this. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private final List<Rule> rules;
  private final Path base;

  public Scanner(List<Rule> rules, Path base) {
    this.rules = List.copyOf(rules);
    this.base = base.toAbsolutePath().normalize();
  }

  public ScanReport scan(List<Path> paths, String toolVersion) {
    Inputs.Paths display = new Inputs.Paths(base);
    Inputs inputs = Inputs.discover(paths, display);
    List<Diagnostic> diagnostics = new ArrayList<>(inputs.problems());
    List<String> files = new ArrayList<>();

    // inputs are independent until the graph: read them on all cores, merge in a fixed order
    List<Supplier<Loaded>> tasks = new ArrayList<>();
    for (Map.Entry<Path, Boolean> e : inputs.json().entrySet()) tasks.add(() -> loadJson(e.getKey(), e.getValue(), display));
    for (Map.Entry<Path, List<Path>> m : inputs.modules().entrySet()) tasks.add(() -> loadModule(m.getKey(), m.getValue(), display));
    Set<String> contextOnly = new HashSet<>();
    for (Path f : inputs.contextOnly()) contextOnly.add(display.of(f));
    List<Finding> findings = new ArrayList<>();
    for (Loaded l : tasks.parallelStream().map(Supplier::get).toList()) {
      files.addAll(l.files());
      diagnostics.addAll(l.diagnostics());
      // one graph per deployment unit (a template, a Terraform module): resources of separate
      // deployments are not linked by name
      ResourceGraph graph = new ResourceGraph(l.resources());
      for (Rule rule : rules) {
        for (Hit h : rule.evaluate(graph)) {
          Finding f = new Finding(rule.meta().id(), rule.meta().severity(), h.message(), h.location(), h.resourceAddress(),
              h.attributePath(), h.related().stream().map(x -> new Finding.Related(x.location(), x.message())).toList());
          if (!contextOnly.contains(f.location().file())) findings.add(f);
        }
      }
    }
    return new ScanReport(findings, diagnostics, rules.stream().map(Rule::meta).toList(), files, toolVersion);
  }

  /** What reading one input gave: the files read, their resources and diagnostics. */
  private record Loaded(List<String> files, List<Resource> resources, List<Diagnostic> diagnostics) {}

  private Loaded loadJson(Path file, boolean explicit, Inputs.Paths display) {
    String shown = display.of(file);
    List<Diagnostic> diagnostics = new ArrayList<>();
    ReadResult r = readJson(file, shown, explicit, diagnostics);
    if (r == null) return new Loaded(List.of(), List.of(), diagnostics);
    diagnostics.addAll(r.diagnostics());
    return new Loaded(List.of(shown), r.resources(), diagnostics);
  }

  private static Loaded loadModule(Path dir, List<Path> moduleFiles, Inputs.Paths display) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<TerraformReader.SourceText> sources = new ArrayList<>();
    for (Path f : moduleFiles) {
      String shown = display.of(f);
      String text = readText(f, shown, diagnostics);
      if (text == null) continue;
      files.add(shown);
      sources.add(new TerraformReader.SourceText(shown, text));
    }
    ReadResult r = TerraformReader.readModule(display.of(dir), sources);
    diagnostics.addAll(r.diagnostics());
    return new Loaded(files, r.resources(), diagnostics);
  }

  /** Reads a JSON file as an ARM template; null when it is not one (and was not named explicitly). */
  private ReadResult readJson(Path file, String shown, boolean explicit, List<Diagnostic> diagnostics) {
    // walking a repository meets JSON files of every kind: only named files must be templates
    String text = readText(file, shown, explicit ? diagnostics : new ArrayList<>());
    if (text == null) return null;
    // a cheap test before parsing: walking a repository meets many JSON files that are not templates
    // (subscription-, management-group- and tenant-scope templates have their own schema names)
    if (!explicit && !text.toLowerCase(java.util.Locale.ROOT).contains("deploymenttemplate.json")) return null;
    Value root;
    try {
      root = TreeReader.readJson(shown, text);
    } catch (SourceSyntaxException e) {
      diagnostics.add(Diagnostic.error(e.location(), e.getMessage()));
      return null;
    }
    if (!TemplateReader.isTemplate(root)) {
      if (explicit) {
        diagnostics.add(Diagnostic.error(new Location(shown, 1, 1),
            TemplateReader.isParametersFile(root) ? "a parameters file, not a template: name the template instead"
                : "not an ARM template: its $schema does not name deploymentTemplate.json"));
      }
      return null;
    }
    return TemplateReader.read((Value.Obj) root, Map.of());
  }

  /** A file's text as UTF-8, or null with a diagnostic. */
  static String readText(Path file, String shown, List<Diagnostic> diagnostics) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not read"));
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
        if (bytes[i] == 0) {
          diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "binary file, not text"));
          return null;
        }
      }
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "not UTF-8 text"));
    } catch (IOException e) {
      diagnostics.add(Diagnostic.error(new Location(shown, 0, 0), "cannot read: " + describe(e)));
    }
    return null;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
