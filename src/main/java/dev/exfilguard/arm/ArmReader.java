package dev.exfilguard.arm;

import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.SourceFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ARM reader's entry point for the engine: one template file, with the values the user
 * supplied, read into model resources.
 */
public final class ArmReader {
  private ArmReader() {}

  public static ReadResult read(Path templateFile, Value.Obj template, SourceFiles sources, InputOptions options) {
    return TemplateReader.read(template, Map.of());
  }
}
