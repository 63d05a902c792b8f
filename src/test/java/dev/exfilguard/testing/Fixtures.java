package dev.exfilguard.testing;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.terraform.TerraformReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads one fixture file on its own (an ARM template, or a Terraform file as a module of one). */
public final class Fixtures {
  private Fixtures() {}

  /** The repository root (tests run with the module directory as working directory). */
  public static Path repo() {
    return Path.of("").toAbsolutePath();
  }

  /** The shared folder next to the checkout (corpus, oracle, schemas); fails when it is missing. */
  public static Path shared() {
    String p = System.getProperty("exfilguard.shared");
    Path dir = p != null ? Path.of(p) : repo().resolve("../shared");
    if (!Files.isDirectory(dir.resolve("corpus"))) {
      throw new IllegalStateException("the shared folder with corpus/ is missing at " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  public static ReadResult read(Path file, String displayPath) throws IOException, SourceSyntaxException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (file.toString().endsWith(".tf")) {
      return TerraformReader.readModule(displayPath.contains("/") ? displayPath.substring(0, displayPath.lastIndexOf('/')) : ".",
          List.of(new TerraformReader.SourceText(displayPath, text)));
    }
    Value root = TreeReader.readJson(displayPath, text);
    if (!TemplateReader.isTemplate(root)) throw new IllegalArgumentException(displayPath + " is not an ARM template");
    return TemplateReader.read((Value.Obj) root, Map.of());
  }
}
