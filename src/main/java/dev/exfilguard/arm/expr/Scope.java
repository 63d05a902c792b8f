package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;

/** What an expression can see: the template's parameters and variables, and the deployment. */
public interface Scope {

  /** The parameter's value, or Unknown; {@code at} is where the expression stands. */
  Value parameter(String name, Meta at);

  /** The variable's (evaluated) value, or Unknown. */
  Value variable(String name, Meta at);

  /** Called once for each function name the evaluator does not implement. */
  void unknownFunction(String name, Meta at);
}
