package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the scopes of one template file share, nested deployments included: its diagnostics,
 * its evaluation limits, and which notes were already given (each is given once per file).
 */
final class FileContext {
  final List<Diagnostic> diagnostics;
  final Limits limits;
  private final Set<String> notes = new HashSet<>();
  int resources;

  FileContext(List<Diagnostic> diagnostics) {
    this.diagnostics = diagnostics;
    this.limits = new Limits(diagnostics);
  }

  /** Adds a note unless one with the same key was given for this file. */
  void noteOnce(String key, Location at, String message) {
    if (notes.add(key.toLowerCase(Locale.ROOT))) diagnostics.add(Diagnostic.note(at, message));
  }
}
