package dev.exfilguard.testing;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.bicep.BicepReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
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
import java.util.Optional;

/**
 * Reads one fixture file on its own (an ARM template, a Terraform file as a module of one, or a
 * Bicep file with the modules it uses).
 */
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
    if (file.toString().endsWith(".bicep") || file.toString().endsWith(".bicepparam")) {
      return BicepReader.read(file, new RepoSources(), InputOptions.NONE).result();
    }
    Value root = TreeReader.readJson(displayPath, text);
    if (!TemplateReader.isTemplate(root)) throw new IllegalArgumentException(displayPath + " is not an ARM template");
    return TemplateReader.read((Value.Obj) root, Map.of());
  }

  /** Files of the repository, shown relative to it; the repository is the scanned tree. */
  public static final class RepoSources implements SourceFiles {
    private final Path root = repo();

    @Override
    public String display(Path file) {
      Path abs = file.toAbsolutePath().normalize();
      return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }

    @Override
    public Optional<String> read(Path file, List<Diagnostic> diagnostics) {
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        diagnostics.add(Diagnostic.error(new Location(display(file), 0, 0), "cannot read: " + e.getClass().getSimpleName()));
        return Optional.empty();
      }
    }

    @Override
    public boolean inScannedTree(Path file) {
      return file.toAbsolutePath().normalize().startsWith(root);
    }
  }
}
