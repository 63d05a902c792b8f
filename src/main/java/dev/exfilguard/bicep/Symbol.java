package dev.exfilguard.bicep;

import java.util.Map;

/** What a name declared in a Bicep file (or imported into it) stands for. */
sealed interface Symbol permits Symbol.Param, Symbol.Var, Symbol.Func, Symbol.Type, Symbol.Namespace, Symbol.Missing,
    ResourceSym, ModuleSym {

  /** {@code parameters('name')}. */
  record Param(String name) implements Symbol {}

  /** {@code variables('armName')}; imported variables are renamed so files cannot clash. */
  record Var(String armName) implements Symbol {}

  /** A user-defined function, called by its ARM name ({@code __bicep.name}). */
  record Func(String armName) implements Symbol {}

  /** A user-defined type: {@code #/definitions/<definition>}, or null when it could not be had. */
  record Type(String definition) implements Symbol {}

  /**
   * {@code import * as ns from ...}; {@code available} false when the source could not be had,
   * so that every member is {@link Missing}.
   */
  record Namespace(String from, Map<String, Symbol> members, boolean available) implements Symbol {}

  /**
   * A name imported from a registry artifact that is not in the local cache: harmless as a
   * type, Unknown (with a note) as a value.
   */
  record Missing(String name, String reference) implements Symbol {}
}
