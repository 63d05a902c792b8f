package dev.exfilguard.source;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What evaluating one deployment unit may cost: an ARM template with its nested deployments (a
 * Bicep file is lowered into one), or a Terraform root module with all its child modules and the
 * templates it deploys. The ARM and Terraform evaluators charge the same budget, so that a hostile
 * or runaway input ends in a note for that unit instead of a hang, a stack overflow or an
 * out-of-memory error, and the rest of the scan goes on. Each limit is noted once per unit, at the
 * expression that crossed it; what exceeds a limit is Unknown, never a guess.
 *
 * <p>It lives with the readers' shared inputs because every reader uses it and none may own it:
 * Terraform already reads ARM (template deployments) and Bicep lowers into ARM, so a budget kept
 * in one reader's package would make the others depend on that reader's internals, and the model
 * is what rules see, which has no use for it.
 */
public final class Budget {
  /**
   * Evaluation steps for one unit: expression nodes evaluated plus the size of every value
   * produced (so it also bounds the memory they hold). The 3 MB Bicep-like template of
   * {@code bench/arm-large} and the largest corpus templates need far less.
   */
  public static final long MAX_STEPS = 20_000_000L;
  /** Characters in one string value (also a {@code format} width or padding). */
  public static final int MAX_STRING = 1 << 22;
  /** Items in one list, set, map or object. */
  public static final int MAX_ITEMS = 100_000;
  /**
   * Nodes in one value, counting a shared part as often as it occurs (as it is once written out):
   * {@code createObject('l', v, 'r', v)} doubling 60 times is small in memory but not on output.
   */
  public static final long MAX_NODES = 250_000L;
  /** Nesting of one value (lists in lists, objects in objects). */
  public static final int MAX_VALUE_DEPTH = 1000;
  /**
   * Evaluation nesting: expressions inside expressions, and each reference to a parameter,
   * variable, local or output that is being evaluated (a chain of 4,000 variables each naming the
   * next). Well above any real configuration, well within the evaluators' thread stacks.
   */
  public static final int MAX_DEPTH = 1000;
  /** Resources and module instances one unit may yield, across all its module levels. */
  public static final int MAX_INSTANCES = 20_000;

  /** Thrown where a value would exceed a limit; the evaluator makes it Unknown and notes it. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String kind;

    public Exceeded(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public String kind() {
      return kind;
    }
  }

  private final Consumer<Diagnostic> sink;
  private final Set<String> reported = new HashSet<>();
  private long steps;
  private int depth;
  private int instances;

  public Budget(Consumer<Diagnostic> sink) {
    this.sink = sink;
  }

  /** Adds a note about a limit once per kind per unit. */
  public void note(String kind, Location at, String message) {
    if (reported.add(kind)) sink.accept(Diagnostic.note(at, message));
  }

  /** Notes a limit crossed at {@code at}. */
  public void noteExceeded(Exceeded e, Location at) {
    note(e.kind(), at, e.getMessage() + "; values that need it are unknown");
  }

  /** Counts steps; false once the unit's budget is spent (a note is added the first time). */
  public boolean charge(long units, Location at) {
    steps += units;
    if (steps <= MAX_STEPS) return true;
    note("steps", at, "evaluation stopped after " + MAX_STEPS + " steps (the limit per deployment unit); the remaining values"
        + " of this unit are unknown");
    return false;
  }

  public boolean exhausted() {
    return steps > MAX_STEPS;
  }

  /** Enters one level of evaluation; false (with a note) when that is deeper than {@link #MAX_DEPTH}. */
  public boolean enter(Location at) {
    if (depth >= MAX_DEPTH) {
      note("depth", at, "evaluation nested deeper than " + MAX_DEPTH + " levels (expressions in expressions, or references"
          + " naming references) is not followed; values that need it are unknown");
      return false;
    }
    depth++;
    return true;
  }

  public void exit() {
    depth--;
  }

  /**
   * Counts {@code n} resource or module instances; false (with a note, and nothing counted) when
   * they would make more than {@link #MAX_INSTANCES} in the unit: the per-call limit multiplies
   * out across module levels ({@code count = 100} in a module called 100 times ...), this does not.
   */
  public boolean instance(Location at, int n) {
    if ((long) instances + n <= MAX_INSTANCES) {
      instances += n;
      return true;
    }
    note("instances", at, "more than " + MAX_INSTANCES + " resource and module instances in this deployment unit (the limit"
        + " across all module levels); the rest are read as one representative each");
    return false;
  }

  public static void checkString(long length) {
    if (length > MAX_STRING) throw new Exceeded("string", "a string longer than " + MAX_STRING + " characters is not built");
  }

  public static void checkItems(long size) {
    if (size > MAX_ITEMS) throw new Exceeded("items", "a collection of more than " + MAX_ITEMS + " items is not built");
  }

  /**
   * Charges a value produced by evaluation for its size, counted as if written out; false (with a
   * note) when it is larger or deeper than a value may be, or when the steps are spent.
   */
  public boolean weigh(Value v, Location at) {
    if (!(v instanceof Value.Arr) && !(v instanceof Value.Obj)) {
      return !(v instanceof Value.Str s) || s.value().length() < 64 || charge(s.value().length() / 64, at);
    }
    long[] count = {0};
    if (!fits(v, 0, count)) {
      note("value-size", at, "a value of more than " + MAX_NODES + " nodes or " + MAX_VALUE_DEPTH + " levels (counting what it"
          + " repeats) is not built; values that need it are unknown");
      return false;
    }
    return charge(count[0], at);
  }

  private static boolean fits(Value v, int level, long[] count) {
    if (level > MAX_VALUE_DEPTH) return false;
    count[0] += v instanceof Value.Str s ? 1 + s.value().length() / 64 : 1;
    if (count[0] > MAX_NODES) return false;
    if (v instanceof Value.Arr a) {
      for (Value i : a.items()) if (!fits(i, level + 1, count)) return false;
    } else if (v instanceof Value.Obj o) {
      for (Value i : o.fields().values()) if (!fits(i, level + 1, count)) return false;
    }
    return true;
  }
}
