package dev.exfilguard.cli;

import dev.exfilguard.config.Config;
import dev.exfilguard.config.ConfigException;
import dev.exfilguard.config.ConfigLoader;
import dev.exfilguard.config.Glob;
import dev.exfilguard.model.Location;
import dev.exfilguard.source.InputOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan reads, as the command line says: the paths, ARM parameter values, Terraform
 * variables and the config file. A command that reads the same inputs as {@code scan} adds
 * {@link #OPTIONS} and {@link #POSITIONAL} to its own and hands them to {@link #set} and
 * {@link #path}.
 */
final class InputArgs {
  final List<Path> paths = new ArrayList<>();
  final Map<String, String> params = new LinkedHashMap<>();
  final List<Path> parameterFiles = new ArrayList<>();
  final Map<String, String> vars = new LinkedHashMap<>();
  final List<Path> varFiles = new ArrayList<>();
  final List<Glob> skipPaths = new ArrayList<>();
  Path configFile;
  boolean noConfig;

  static final Opt.Positional POSITIONAL =
      new Opt.Positional("PATH", 0, Integer.MAX_VALUE, "Files or directories to scan (default: the current directory).");

  static final List<Opt> OPTIONS = List.of(
      Opt.repeatable("--param", "NAME=VALUE",
          "An ARM template parameter value (repeatable); overrides parameters files and defaults."),
      Opt.repeatable("--parameters", "FILE", "An ARM parameters file (*.parameters.json) for the templates scanned (repeatable)."),
      Opt.repeatable("--var", "NAME=VALUE", "A Terraform root module variable (repeatable), as terraform plan -var."),
      Opt.repeatable("--var-file", "FILE",
          "A Terraform .tfvars file for the root modules scanned (repeatable), as terraform plan -var-file."),
      Opt.value("--config", "FILE", "Use this config file instead of searching for .exfilguard.yaml."),
      Opt.flag("--no-config", "Use no config file."),
      Opt.repeatable("--skip-path", "GLOB",
          "Do not scan files matching GLOB (repeatable), relative to the current directory, with the config file's"
              + " exclude semantics: ** crosses directories, a directory covers everything in it."));

  /** Applies one of {@link #OPTIONS}. */
  void set(Opt o, String v) throws UsageException {
    switch (o.longName()) {
      case "--param" -> put(params, "--param", v);
      case "--parameters" -> parameterFiles.add(Path.of(v));
      case "--var" -> put(vars, "--var", v);
      case "--var-file" -> varFiles.add(Path.of(v));
      case "--config" -> configFile = Path.of(v);
      case "--no-config" -> noConfig = true;
      case "--skip-path" -> skipPaths.add(Glob.path(v));
      default -> throw new IllegalStateException("not an input option: " + o.longName());
    }
  }

  /** Applies a {@code PATH}. */
  void path(String v) {
    paths.add(Path.of(v));
  }

  private static void put(Map<String, String> into, String option, String value) throws UsageException {
    int eq = value.indexOf('=');
    if (eq <= 0) throw new UsageException(option + " needs NAME=VALUE, got '" + value + "'");
    into.put(value.substring(0, eq), value.substring(eq + 1));
  }

  /** The paths to scan: those named, or the current directory. */
  List<Path> targets() {
    return paths.isEmpty() ? List.of(Path.of(".")) : List.copyOf(paths);
  }

  InputOptions inputOptions(Map<String, String> environment) {
    return new InputOptions(params, parameterFiles, vars, varFiles, environment);
  }

  /** The config file that applies: {@code --config}, none with {@code --no-config}, else the first one found. */
  Config config(Path cwd) throws ConfigException, UsageException {
    if (configFile != null && noConfig) throw new UsageException("--config and --no-config exclude each other");
    if (noConfig) return Config.none(cwd);
    Path file = configFile;
    if (file == null) {
      file = ConfigLoader.find(ScanRun.commonDirectory(cwd, targets())).orElse(null);
      if (file == null) return Config.none(cwd);
    } else if (!Files.isRegularFile(file)) {
      throw new ConfigException(new Location(file.toString(), 0, 0), "no such config file");
    }
    Path abs = file.toAbsolutePath().normalize();
    String display = cwd.relativize(abs).toString().replace('\\', '/');
    return ConfigLoader.load(abs, display);
  }
}
