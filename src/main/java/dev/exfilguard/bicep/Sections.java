package dev.exfilguard.bicep;

import dev.exfilguard.model.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections of one template being written. A file imported with {@code import ... from}
 * writes its variables, functions and types into the importing template's sections, under
 * names of its own.
 */
final class Sections {
  final Map<String, Value> metadata = new LinkedHashMap<>();
  final Map<String, Value> definitions = new LinkedHashMap<>();
  final Map<String, Value> functions = new LinkedHashMap<>();
  final Map<String, Value> parameters = new LinkedHashMap<>();
  final Map<String, Value> variables = new LinkedHashMap<>();
  final List<Value> variableCopies = new ArrayList<>();
  final Map<String, Value> resources = new LinkedHashMap<>();
  final Map<String, Value> outputs = new LinkedHashMap<>();
  /** Files imported into this template, with the lowering that declared their symbols. */
  final Map<Path, Lowering> libraries = new HashMap<>();
  int unknowns;
  int libraryCount;
}
