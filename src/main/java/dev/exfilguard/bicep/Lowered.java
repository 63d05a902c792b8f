package dev.exfilguard.bicep;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Bicep expression lowers to before it is written into the template: a JSON literal, an
 * object or array literal (written as JSON where the compiler writes JSON, so each property keeps
 * its own line), an ARM expression, a loop still to be placed (a {@code copy} where it stands as
 * a property, variable or output value), or a symbolic reference to a resource or module that
 * only becomes an expression once it is accessed ({@code vnet.id}, {@code m.outputs.x}).
 */
sealed interface Lowered {

  /** A string, number, boolean or null known at compile time. */
  record Lit(Value value) implements Lowered {}

  /**
   * A value read at compile time from another file ({@code loadJsonContent}): written as JSON,
   * keeping that file's positions.
   */
  record Constant(Value value) implements Lowered {}

  /** An object literal; a value may be a {@link Loop} (a property copy). */
  record Obj(List<Entry> entries) implements Lowered {}

  /**
   * A property; {@code key} is the name, or the ARM text of its expression when {@code computed}
   * ({@code '${x}-rule': ...}), which the compiler writes as an {@code "[expression]"} key.
   */
  record Entry(String key, boolean computed, Lowered value, Location at) {
    Entry(String key, Lowered value, Location at) {
      this(key, false, value, at);
    }
  }

  record Arr(List<Item> items) implements Lowered {}

  record Item(Lowered value, Location at) {}

  /** An ARM template language expression, without the enclosing brackets. */
  record Expr(String text) implements Lowered {}

  /**
   * {@code tryGet(base, keys...)} being built by a safe-access chain: {@code a.?b.c} is one
   * {@code tryGet(a, 'b', 'c')}, as the compiler writes it.
   */
  record TryGet(String base, List<String> keys) implements Lowered {}

  /** A for-expression, lowered where it is placed: the body is lowered per context. */
  record Loop(Syntax.ForExpr syntax, Locals scope) implements Lowered {}

  /** A resource symbol, indexed ({@code vnets[i]}: {@code index} is the ARM text of i) or not. */
  record Res(ResourceSym symbol, String index) implements Lowered {}

  record Mod(ModuleSym symbol, String index) implements Lowered {}

  /**
   * {@code m.outputs}, waiting for the output's name ({@code .x} is {@code ....outputs.x.value});
   * {@code safe} after {@code m.?outputs}, which reads it with {@code tryGet}.
   */
  record Outputs(String ref, boolean safe) implements Lowered {}

  /** {@code import * as ns}: only its members are values. */
  record Namespace(Symbol.Namespace symbol) implements Lowered {}

  /** A Key Vault secret ({@code kv.getSecret('name')}): a reference when passed to a module. */
  record Secret(String vaultId, String secretName) implements Lowered {}

  // ------------------------------------------------------------------ ARM text

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static Lit string(String s) {
    return new Lit(new Value.Str(s, Meta.explicit(new Location("", 0, 0))));
  }

  static Lit number(BigDecimal n) {
    return new Lit(new Value.Num(n, Meta.explicit(new Location("", 0, 0))));
  }

  static String call(String fn, List<String> args) {
    return fn + "(" + String.join(", ", args) + ")";
  }

  static String call(String fn, String... args) {
    return call(fn, List.of(args));
  }

  /** The text of a JSON literal value inside an expression. */
  static String literalText(Value v) {
    if (v instanceof Value.Str s) return quote(s.value());
    if (v instanceof Value.Num n) return n.value().stripTrailingZeros().toPlainString();
    if (v instanceof Value.Bool b) return b.value() ? "true()" : "false()";
    if (v instanceof Value.Null) return "null()";
    if (v instanceof Value.Arr a) {
      List<String> items = new ArrayList<>();
      for (Value i : a.items()) items.add(literalText(i));
      return call("createArray", items);
    }
    if (v instanceof Value.Obj o) {
      List<String> args = new ArrayList<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        args.add(quote(e.getKey()));
        args.add(literalText(e.getValue()));
      }
      return call("createObject", args);
    }
    return "null()";
  }

  /** A value with its own positions, strings beginning with '[' escaped. */
  static Value escaped(Value v) {
    if (v instanceof Value.Str s) return s.value().startsWith("[") ? new Value.Str("[" + s.value(), s.meta()) : s;
    if (v instanceof Value.Arr a) {
      List<Value> items = new ArrayList<>();
      for (Value i : a.items()) items.add(escaped(i));
      return new Value.Arr(items, a.meta());
    }
    if (v instanceof Value.Obj o) {
      Map<String, Value> f = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) f.put(e.getKey(), escaped(e.getValue()));
      return new Value.Obj(f, o.meta());
    }
    return v;
  }

  /** A literal's value placed at {@code at}; strings beginning with '[' escaped as ARM reads them. */
  static Value literalJson(Value v, Location at) {
    Meta m = Meta.explicit(at);
    if (v instanceof Value.Str s) return new Value.Str(s.value().startsWith("[") ? "[" + s.value() : s.value(), m);
    if (v instanceof Value.Arr a) {
      List<Value> items = new ArrayList<>();
      for (Value i : a.items()) items.add(literalJson(i, at));
      return new Value.Arr(items, m);
    }
    if (v instanceof Value.Obj o) {
      Map<String, Value> f = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) f.put(e.getKey(), literalJson(e.getValue(), at));
      return new Value.Obj(f, m);
    }
    return v.withMeta(m);
  }
}
