package dev.exfilguard.hcl;

import java.util.List;

/** {@code name(args)}; name may be namespaced ({@code provider::azurerm::fn}); {@code
 * expandFinal} is set for {@code f(a, list...)}. */
public record FunctionCall(String name, List<Expression> args, boolean expandFinal, Range range, String sourceText)
    implements Expression {

  public FunctionCall {
    args = List.copyOf(args);
  }
}
