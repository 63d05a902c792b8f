package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;

/** What an expression can see: the template's parameters, variables, functions and copy loops. */
public interface Scope {

  /** The parameter's value, or Unknown; {@code at} is where the expression stands. */
  Value parameter(String name, Meta at);

  /** The variable's (evaluated) value, or Unknown. */
  Value variable(String name, Meta at);

  /** Called once for each function name the evaluator does not implement. */
  void unknownFunction(String name, Meta at);

  /**
   * The current index of a copy loop: {@code loop} names a property or variable loop, or is
   * null for the resource loop being read. Unknown outside a loop, or when the loop's count is
   * Unknown (a representative resource).
   */
  default Value copyIndex(String loop, Meta at) {
    return new Value.Unknown("copyIndex() is used outside a copy loop", at);
  }

  /**
   * What {@code reference(id)} returns when the template itself determines it: the outputs of a
   * nested deployment read earlier in the same file ({@code {"outputs": {name: {"value": ...}}}}).
   * Null for everything known only at deployment time.
   */
  default Value reference(Value resourceId, Meta at) {
    return null;
  }

  /**
   * The outputs of a nested deployment of this scope whose name is Unknown, found by the
   * expression that names it; null when there is none.
   */
  default Value referenceByName(Expr nameExpression, Meta at) {
    return null;
  }

  /** Where the deployment this expression belongs to goes: its subscription, resource group and name. */
  default DeploymentTarget target() {
    return DeploymentTarget.ROOT;
  }

  /**
   * A symbol of this deployment: the same key in one deployment is the same value ({@code
   * utcNow()} in two parameter defaults), distinct from another deployment's.
   */
  default String symbolScope() {
    return "root";
  }

  /** A user-defined function of the template ({@code namespace.name}, case-insensitive), or null. */
  default UserFunction function(String qualifiedName) {
    return null;
  }
}
