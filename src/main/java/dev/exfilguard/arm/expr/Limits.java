package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.Budget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one template file's evaluation may cost: the limits of the template language (ARM's copy
 * count, nested deployments, user-defined function recursion) and the {@link Budget} of the
 * deployment unit it belongs to (steps, value sizes, nesting), shared by the scopes of its nested
 * deployments and, for a template that Terraform deploys, with the Terraform module reading it.
 * Each limit is reported once per unit; what exceeds it is Unknown.
 */
public final class Limits {
  /** ARM's own limit on a copy loop's count (template syntax docs: "count ... can't exceed 800"). */
  public static final int MAX_COPY = 800;
  /** Resources one file may yield: far above any real template, low enough to keep memory small. */
  public static final int MAX_RESOURCES = Budget.MAX_INSTANCES;
  /** Nested deployments inside nested deployments; Bicep modules rarely go past five. */
  public static final int MAX_DEPLOYMENT_DEPTH = 32;
  /** User-defined function and lambda calls active at once (recursion through functions). */
  public static final int MAX_CALL_DEPTH = 64;
  /** Characters in one string value. */
  public static final int MAX_STRING = Budget.MAX_STRING;
  /** Items in one array value (range(), union(), map() results). */
  public static final int MAX_ARRAY = Budget.MAX_ITEMS;
  /** Evaluation work for the unit, in expression nodes plus the size of values produced. */
  public static final long MAX_WORK = Budget.MAX_STEPS;

  private final List<Diagnostic> sink;
  private final Budget budget;
  private final Set<Location> syntaxErrors = new HashSet<>();
  int callDepth;
  /** Parsed expressions by text (or the syntax error): copy loops repeat them. */
  final java.util.Map<String, Object> parseCache = new java.util.HashMap<>();

  /** A file read on its own: it is its own deployment unit. */
  public Limits(List<Diagnostic> sink) {
    this(sink, new Budget(sink::add));
  }

  /** A file read as part of a larger unit, whose budget it shares. */
  public Limits(List<Diagnostic> sink, Budget budget) {
    this.sink = sink;
    this.budget = budget;
  }

  public Budget budget() {
    return budget;
  }

  /** Counts work; false once the unit's budget is spent (a note is added the first time). */
  boolean charge(long units, Location at) {
    return budget.charge(units, at);
  }

  /** Charges a produced value by its size; false (noted) when it is too large to keep. */
  boolean weigh(Value v, Location at) {
    return budget.weigh(v, at);
  }

  public boolean exhausted() {
    return budget.exhausted();
  }

  /** Adds a note about a limit once per kind per unit. */
  public void note(String kind, Location at, String message) {
    budget.note(kind, at, message);
  }

  /** An expression that does not parse: an ERROR at the string that holds it, once per place. */
  void syntaxError(Location at, String message) {
    if (syntaxErrors.add(at)) sink.add(Diagnostic.error(at, message));
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
