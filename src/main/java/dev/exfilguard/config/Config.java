package dev.exfilguard.config;

import dev.exfilguard.model.Location;
import dev.exfilguard.rules.Severity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .exfilguard.yaml}. Paths and globs in it are relative to {@link #dir()}, the
 * directory the file is in. Rule IDs keep their locations so that they can be checked against
 * the rules once the custom rule directories are loaded.
 *
 * @param display the file's display path, for messages
 * @param enable when not null, only these rules run
 * @param threshold the severity threshold (what is shown), or null (the command line's wins)
 * @param failOn what fails the scan, or null: the command line's, else the severity threshold
 * @param ruleDirs directories of custom rules, absolute
 */
public record Config(
    Path dir,
    String display,
    List<RuleRef> enable,
    List<RuleRef> disable,
    Map<RuleRef, Severity> severity,
    Severity threshold,
    FailOn failOn,
    List<Glob> exclude,
    List<Path> ruleDirs,
    List<Inputs> inputs,
    List<SuppressionEntry> suppressions) {

  /** A rule ID as written, with where. */
  public record RuleRef(String id, Location location) {}

  /** Parameters and var files for the templates and modules under a path glob. */
  public record Inputs(Glob path, List<String> parameters, List<String> varFiles, Location location) {}

  /**
   * A suppression: the rules ({@code *} for all), and optionally a path glob and a resource
   * address glob that the finding must match.
   */
  public record SuppressionEntry(List<RuleRef> rules, Glob path, Glob resource, String reason, LocalDate expires,
      Location location) {}

  /** No config file: everything as the command line says. */
  public static Config none(Path dir) {
    return new Config(dir, "", null, List.of(), Map.of(), null, null, List.of(), List.of(), List.of(), List.of());
  }

  public boolean present() {
    return !display.isEmpty();
  }
}
