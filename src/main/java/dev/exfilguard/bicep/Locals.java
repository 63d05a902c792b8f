package dev.exfilguard.bicep;

import java.util.Map;

/**
 * Names bound inside an expression: loop variables (substituted by what they stand for, as the
 * compiler does: {@code subnets[copyIndex()]}), lambda parameters ({@code lambdaVariables('x')})
 * and function parameters ({@code parameters('x')}). Innermost first.
 */
record Locals(String name, Lowered value, Locals parent) {
  static final Locals EMPTY = new Locals(null, null, null);

  Lowered get(String n) {
    for (Locals l = this; l != null; l = l.parent) {
      if (l.name != null && l.name.equals(n)) return l.value;
    }
    return null;
  }

  Locals with(String n, Lowered v) {
    return n == null ? this : new Locals(n, v, this);
  }

  Locals withAll(Map<String, Lowered> bindings) {
    Locals l = this;
    for (Map.Entry<String, Lowered> e : bindings.entrySet()) l = l.with(e.getKey(), e.getValue());
    return l;
  }
}
