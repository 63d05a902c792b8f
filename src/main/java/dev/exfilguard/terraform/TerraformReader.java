package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one Terraform module (a directory's {@code .tf} files together) into model resources.
 * Files that do not parse are reported and left out; the module's other files are still read.
 */
public final class TerraformReader {
  private TerraformReader() {}

  /** A file's display path and its text. */
  public record SourceText(String file, String text) {}

  /** A module as the engine loads it: the files that were read, and what they hold. */
  public record Loaded(List<String> files, ReadResult result) {}

  /**
   * The engine's entry point: a module directory's {@code .tf} files, with the values the user
   * supplied. Files that cannot be read are reported and left out.
   */
  public static Loaded load(Path dir, List<Path> moduleFiles, SourceFiles sources, InputOptions options) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<SourceText> texts = new ArrayList<>();
    for (Path f : moduleFiles) {
      Optional<String> text = sources.read(f, diagnostics);
      if (text.isEmpty()) continue;
      files.add(sources.display(f));
      texts.add(new SourceText(sources.display(f), text.get()));
    }
    ReadResult r = readModule(sources.display(dir), texts);
    diagnostics.addAll(r.diagnostics());
    return new Loaded(files, new ReadResult(r.resources(), diagnostics));
  }

  public static ReadResult readModule(String dir, List<SourceText> files) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Body> bodies = new ArrayList<>();
    for (SourceText f : files) {
      try {
        bodies.add(HclParser.parse(f.file(), f.text()));
      } catch (HclParseException e) {
        diagnostics.add(Diagnostic.error(new Location(e.file(), e.line(), e.column()), e.reason()));
      }
    }
    ModuleScope scope = new ModuleScope();
    List<Block> resources = new ArrayList<>();
    for (Body body : bodies) {
      for (Block b : body.blocks()) {
        if (b.type().equals("variable")) scope.addVariable(b);
        if (b.type().equals("resource") && b.labels().size() == 2) {
          scope.addResource(b);
          resources.add(b);
        }
      }
    }
    List<Resource> out = new ArrayList<>();
    for (Block b : resources) {
      Optional<AzurermMapping.Type> type = AzurermMapping.of(b.labels().get(0));
      if (type.isEmpty()) continue;
      if (countIsZero(b, scope)) continue;
      Location at = TfEvaluator.location(b.range());
      Value.Obj body = type.get().mapping().build(b.body(), at, scope.evaluator);
      List<String> segs = new ArrayList<>(nameSegments(b, type.get(), scope));
      // an Unknown own name is shown as the block's label, which is what a reviewer recognises
      if (segs.get(segs.size() - 1) == null) segs.set(segs.size() - 1, b.labels().get(1));
      String name = String.join("/", segs.stream().map(s -> s == null ? "(unknown)" : s).toList());
      out.add(new Resource(type.get().armType(), name, b.labels().get(0) + "." + b.labels().get(1), body, at,
          SourceFormat.TERRAFORM, false));
    }
    return new ReadResult(out, diagnostics);
  }

  /** {@code count = 0} (or a value that evaluates to 0): the resource is not deployed. */
  private static boolean countIsZero(Block b, ModuleScope scope) {
    Optional<Attribute> count = b.body().attribute("count");
    if (count.isEmpty()) return false;
    Value v = scope.evaluator.eval(count.get().expr());
    return v instanceof Value.Num n && n.value().compareTo(BigDecimal.ZERO) == 0;
  }

  /**
   * The ARM name segments of a mapped resource: its parents' names, then its own {@code name};
   * null where a segment is not known.
   */
  static List<String> nameSegments(Block b, AzurermMapping.Type type, ModuleScope scope) {
    List<String> segs = new ArrayList<>();
    for (String parentAttr : type.parents()) {
      String seg = null;
      Optional<Attribute> a = b.body().attribute(parentAttr);
      if (a.isPresent() && scope.evaluator.eval(a.get().expr()) instanceof Value.Str s) {
        seg = parentAttr.endsWith("_id") ? lastSegment(s.value()) : s.value();
      }
      segs.add(seg);
    }
    Optional<Attribute> n = b.body().attribute("name");
    segs.add(n.isPresent() && scope.evaluator.eval(n.get().expr()) instanceof Value.Str s ? s.value() : null);
    return segs;
  }

  private static String lastSegment(String id) {
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
