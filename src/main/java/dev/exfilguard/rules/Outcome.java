package dev.exfilguard.rules;

import dev.exfilguard.model.Value;

/**
 * A condition's result with its witness: the value (and its ARM path) that made it true, so a
 * finding can point at the offending attribute. {@code witness} is null when the condition is
 * true because something is absent, and the finding then points at the resource.
 */
public record Outcome(Tri result, Value witness, String path) {
  static final Outcome FALSE = new Outcome(Tri.FALSE, null, null);
  static final Outcome UNKNOWN = new Outcome(Tri.UNKNOWN, null, null);

  static Outcome isTrue(Value witness, String path) {
    return new Outcome(Tri.TRUE, witness, path);
  }
}
