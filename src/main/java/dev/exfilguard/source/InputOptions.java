package dev.exfilguard.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Values the user supplies for a scan, as given on the command line: ARM parameters
 * ({@code --param name=value}, {@code --parameters FILE}) and Terraform variables
 * ({@code --var name=value}, {@code --var-file FILE}, and the {@code TF_VAR_} environment).
 * Readers convert them by the declared type.
 */
public record InputOptions(
    Map<String, String> params,
    List<Path> parameterFiles,
    Map<String, String> vars,
    List<Path> varFiles,
    Map<String, String> environment) {

  public static final InputOptions NONE = new InputOptions(Map.of(), List.of(), Map.of(), List.of(), Map.of());

  public InputOptions {
    params = Map.copyOf(params);
    parameterFiles = List.copyOf(parameterFiles);
    vars = Map.copyOf(vars);
    varFiles = List.copyOf(varFiles);
    environment = Map.copyOf(environment);
  }
}
