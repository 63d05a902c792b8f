package dev.exfilguard.arm;

import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import dev.exfilguard.model.Value;
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
  private int scopes;
  /** Outputs of the nested deployments read so far, by the key of their name's term (case-insensitive). */
  final Map<String, Value.Obj> deploymentOutputs = new HashMap<>();
  /** Outputs of nested deployments whose name is Unknown, by (declaring scope, name expression). */
  final Map<java.util.List<Object>, Value.Obj> deploymentOutputsByName = new HashMap<>();

  FileContext(List<Diagnostic> diagnostics, Limits limits) {
    this.diagnostics = diagnostics;
    this.limits = limits;
  }

  /** A new deployment scope's identity, for its symbols. */
  String newScopeId() {
    return Integer.toString(scopes++);
  }

  /** Adds a note unless one with the same key was given for this file. */
  void noteOnce(String key, Location at, String message) {
    if (notes.add(key.toLowerCase(Locale.ROOT))) diagnostics.add(Diagnostic.note(at, message));
  }
}
