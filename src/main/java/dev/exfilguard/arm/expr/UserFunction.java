package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Value;
import java.util.List;

/**
 * A function from a template's {@code functions} section (Bicep emits its own helpers there
 * as {@code __bicep.*}): parameter names in order, and the unevaluated {@code output.value}.
 * Its body sees only its parameters and other user-defined functions, as in ARM.
 */
public record UserFunction(String name, List<String> parameters, Value output) {
  public UserFunction {
    parameters = List.copyOf(parameters);
  }
}
