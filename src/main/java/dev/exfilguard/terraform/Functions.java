package dev.exfilguard.terraform;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform's built-in functions, registered by family ({@link StringFunctions},
 * {@link CollectionFunctions}, {@link NumericFunctions}, {@link EncodingFunctions},
 * {@link NetworkFunctions}, {@link FileFunctions}). {@code try} and {@code can} need their
 * arguments unevaluated and live in {@link TfEvaluator}.
 *
 * <p>Unknown arguments: most functions give Unknown when any argument holds an Unknown anywhere;
 * those registered as structural (concat, merge, length, ...) look inside themselves and keep
 * known parts, so {@code concat([azurerm_x.a.id], var.unknown_ids)} is Unknown but
 * {@code length([data.x.y.id])} is 1.
 */
final class Functions {
  private Functions() {}

  /** One function: its evaluated arguments and the call it was made from. */
  interface Fn {
    Value apply(List<Value> args, Call call);
  }

  /** The call site: the result's metadata, and the evaluator for functions that read files. */
  record Call(String name, Meta meta, TfEvaluator evaluator) {
    Value str(String s) {
      return new Value.Str(s, meta);
    }

    Value num(java.math.BigDecimal d) {
      return new Value.Num(d, meta);
    }

    Value num(long n) {
      return new Value.Num(java.math.BigDecimal.valueOf(n), meta);
    }

    Value bool(boolean b) {
      return new Value.Bool(b, meta);
    }

    Value arr(List<Value> items) {
      return new Value.Arr(items, meta);
    }

    Value obj(Map<String, Value> fields) {
      return new Value.Obj(fields, meta);
    }

    Value unknown(String why) {
      return new Value.Unknown(why, meta);
    }

    void arity(List<Value> args, int min, int max) {
      if (args.size() < min || args.size() > max) {
        throw new EvalError(name + "() takes " + (min == max ? String.valueOf(min) : min + " to " + (max == Integer.MAX_VALUE ? "any number of" : String.valueOf(max))) + " arguments");
      }
    }
  }

  /** How a family adds its functions. */
  interface Registry {
    /** Unknown anywhere in the arguments makes the result Unknown. */
    void add(String name, Fn fn);

    /** Only an argument that is Unknown as a whole makes the result Unknown; the function handles the rest. */
    void structural(String name, Fn fn);

    /** The function decides about every Unknown argument itself (coalesce stops at the first known one). */
    void lazy(String name, Fn fn);

    /**
     * A string function that also builds symbolic strings: arguments holding values known only
     * after apply but named by a symbol ({@code random_string.s.result}) reach it; any other
     * Unknown makes the result Unknown.
     */
    void symbolic(String name, Fn fn);

    /** Known only when the configuration is applied (timestamp, uuid). */
    default void neverKnown(String name, String why) {
      structural(name, (args, call) -> call.unknown(name + "() " + why));
    }
  }

  private record Entry(Fn fn, boolean structural, boolean lazy, boolean symbolic) {}

  private static final Map<String, Entry> ALL = new HashMap<>();

  static {
    Registry r = new Registry() {
      @Override
      public void add(String name, Fn fn) {
        ALL.put(name, new Entry(fn, false, false, false));
      }

      @Override
      public void lazy(String name, Fn fn) {
        ALL.put(name, new Entry(fn, true, true, false));
      }

      @Override
      public void structural(String name, Fn fn) {
        ALL.put(name, new Entry(fn, true, false, false));
      }

      @Override
      public void symbolic(String name, Fn fn) {
        ALL.put(name, new Entry(fn, false, false, true));
      }
    };
    StringFunctions.register(r);
    CollectionFunctions.register(r);
    NumericFunctions.register(r);
    EncodingFunctions.register(r);
    NetworkFunctions.register(r);
    FileFunctions.register(r);
  }

  /** The first Unknown in a value that no symbol names. */
  private static Value.Unknown bareUnknown(Value v) {
    if (v instanceof Value.Unknown u) return u.term() == null ? u : null;
    if (v instanceof Value.Arr a) {
      for (Value i : a.items()) {
        Value.Unknown u = bareUnknown(i);
        if (u != null) return u;
      }
    }
    if (v instanceof Value.Obj o) {
      for (Value i : o.fields().values()) {
        Value.Unknown u = bareUnknown(i);
        if (u != null) return u;
      }
    }
    return null;
  }

  static boolean exists(String name) {
    return ALL.containsKey(name);
  }

  static Value call(String name, List<Value> args, Meta meta, TfEvaluator evaluator) {
    Entry e = ALL.get(name);
    if (e == null) return new Value.Unknown("function " + name + "() is not evaluated by exfilguard", meta);
    // a result computed from a variable keeps the variable's chain, so messages can say where it came from
    String via = null;
    for (Value a : args) {
      if (a.meta().via() != null) {
        via = a.meta().via();
        break;
      }
    }
    Meta m = via == null ? meta : new Meta(meta.location(), meta.origin(), via);
    for (Value a : e.lazy() ? List.<Value>of() : args) {
      Value.Unknown u = e.structural() ? (a instanceof Value.Unknown x ? x : null) : e.symbolic() ? bareUnknown(a) : a.firstUnknown();
      if (u != null) return new Value.Unknown(u.reason(), m);
    }
    try {
      return e.fn().apply(args, new Call(name, m, evaluator));
    } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException | ClassCastException x) {
      // an argument of a shape the function does not take: Terraform's error, so try() moves on
      throw new EvalError(name + "(): invalid argument");
    }
  }
}
