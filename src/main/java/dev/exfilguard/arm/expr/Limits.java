package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one file's evaluation may cost, shared by the scopes of its nested deployments, so that
 * a hostile or runaway template ends in a note for that file instead of a hang or an
 * out-of-memory error. Each limit is reported once per file; what exceeds it is Unknown.
 */
public final class Limits {
  /** ARM's own limit on a copy loop's count (template syntax docs: "count ... can't exceed 800"). */
  public static final int MAX_COPY = 800;
  /** Resources one file may yield: far above any real template, low enough to keep memory small. */
  public static final int MAX_RESOURCES = 20_000;
  /** Nested deployments inside nested deployments; Bicep modules rarely go past five. */
  public static final int MAX_DEPLOYMENT_DEPTH = 32;
  /** User-defined function and lambda calls active at once (recursion through functions). */
  public static final int MAX_CALL_DEPTH = 64;
  /** Characters in one string value. */
  public static final int MAX_STRING = 1 << 22;
  /** Items in one array value (range(), union(), map() results). */
  public static final int MAX_ARRAY = 100_000;
  /**
   * Evaluation work for one file, in expression nodes plus items produced (which also bounds
   * the memory they hold). A 3 MB Bicep-compiled template needs well under a million.
   */
  public static final long MAX_WORK = 4_000_000L;

  private final List<Diagnostic> sink;
  private final Set<String> reported = new HashSet<>();
  private long work;
  int callDepth;
  /** Parsed expressions by text (or the syntax error's message): copy loops repeat them. */
  final java.util.Map<String, Object> parseCache = new java.util.HashMap<>();

  public Limits(List<Diagnostic> sink) {
    this.sink = sink;
  }

  /** Counts work; false once the file's budget is spent (a note is added the first time). */
  boolean charge(long units, Location at) {
    work += units;
    if (work <= MAX_WORK) return true;
    note("work", at, "evaluation stopped after " + MAX_WORK + " steps; the remaining values of this file are unknown");
    return false;
  }

  public boolean exhausted() {
    return work > MAX_WORK;
  }

  /** Adds a note about a limit once per kind per file. */
  public void note(String kind, Location at, String message) {
    if (reported.add(kind)) sink.add(Diagnostic.note(at, message));
  }

  /** Thrown by a function whose result would exceed a limit. */
  static final class Exceeded extends Functions.EvalError {
    private static final long serialVersionUID = 1L;
    final String kind;

    Exceeded(String kind, String message) {
      super(message);
      this.kind = kind;
    }
  }

  static void checkString(long length) throws Exceeded {
    if (length > MAX_STRING) throw new Exceeded("string", "a string longer than " + MAX_STRING + " characters is not built");
  }

  static void checkArray(long size) throws Exceeded {
    if (size > MAX_ARRAY) throw new Exceeded("array", "an array of more than " + MAX_ARRAY + " items is not built");
  }
}
