package dev.exfilguard.rules;

import dev.exfilguard.model.Origin;
import dev.exfilguard.model.Value;

/** How a value came to be, as a message suffix: a default, or the parameter chain that set it. */
public final class Provenance {
  private Provenance() {}

  public static String describe(Value v) {
    if (v == null) return "";
    if (v.meta().origin() == Origin.DEFAULT) {
      return " (" + (v.meta().via() != null ? v.meta().via() : "not set; the default applies") + ")";
    }
    if (v.meta().via() != null) return " (from " + v.meta().via() + ")";
    return "";
  }
}
