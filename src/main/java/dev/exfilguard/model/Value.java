package dev.exfilguard.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value in the ARM-shaped model. Known values carry their {@link Meta}; {@link Unknown} stands
 * for anything that cannot be known before deployment (an unresolved parameter, a module
 * output, a function we do not evaluate) and never makes a rule fire.
 */
public sealed interface Value {

  Meta meta();

  default Location location() {
    return meta().location();
  }

  default boolean isUnknown() {
    return this instanceof Unknown;
  }

  /** The first Unknown nested anywhere inside this value (itself included), or null. */
  default Unknown firstUnknown() {
    if (this instanceof Unknown u) return u;
    Iterable<Value> inner = this instanceof Arr a ? a.items() : this instanceof Obj o ? o.fields().values() : List.of();
    for (Value i : inner) {
      Unknown u = i.firstUnknown();
      if (u != null) return u;
    }
    return null;
  }

  /** The same value with other metadata. */
  default Value withMeta(Meta m) {
    if (this instanceof Str s) return new Str(s.value(), m);
    if (this instanceof Num n) return new Num(n.value(), m);
    if (this instanceof Bool b) return new Bool(b.value(), m);
    if (this instanceof Null) return new Null(m);
    if (this instanceof Arr a) return new Arr(a.items(), m);
    if (this instanceof Obj o) return new Obj(o.fields(), m);
    Unknown u = (Unknown) this;
    return new Unknown(u.reason(), m, u.term());
  }

  /**
   * The same value standing at another place (where an expression used it), keeping its origin
   * and chain. Nested values move too, and inherit the chain when they have none, so a finding
   * on a property of an object that came from a variable points at the line that used it.
   */
  default Value relocated(Location at) {
    return relocated(at, meta().via());
  }

  private Value relocated(Location at, String inheritedVia) {
    String via = meta().via() != null ? meta().via() : inheritedVia;
    Meta m = meta().at(at, via);
    if (this instanceof Arr a) {
      List<Value> items = new java.util.ArrayList<>(a.items().size());
      for (Value v : a.items()) items.add(v.relocated(at, via));
      return new Arr(items, m);
    }
    if (this instanceof Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) fields.put(e.getKey(), e.getValue().relocated(at, via));
      return new Obj(fields, m);
    }
    return withMeta(m);
  }

  record Str(String value, Meta meta) implements Value {}

  record Num(BigDecimal value, Meta meta) implements Value {}

  record Bool(boolean value, Meta meta) implements Value {}

  record Null(Meta meta) implements Value {}

  record Arr(List<Value> items, Meta meta) implements Value {
    public Arr {
      items = List.copyOf(items);
    }
  }

  /**
   * An object. Keys keep their source spelling and order; lookups are case-insensitive, as
   * ARM property names are.
   */
  record Obj(Map<String, Value> fields, Meta meta) implements Value {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<Value> get(String key) {
      Value v = fields.get(key);
      if (v != null) return Optional.of(v);
      for (Map.Entry<String, Value> e : fields.entrySet()) {
        if (e.getKey().equalsIgnoreCase(key)) return Optional.of(e.getValue());
      }
      return Optional.empty();
    }
  }

  /**
   * A value that cannot be known statically; {@code reason} says why, for notes. When it is a
   * string built from values known only at deployment (a required parameter, the resource
   * group), {@code term} says how: such a value is still Unknown to every rule, but two of them
   * built the same way are the same name, and the graph links by it.
   */
  record Unknown(String reason, Meta meta, Term term) implements Value {
    public Unknown(String reason, Meta meta) {
      this(reason, meta, null);
    }

    /** A symbolic string: Unknown, with the term that says how it is built. */
    public static Unknown symbolic(Term term, String reason, Meta meta) {
      return new Unknown(reason, meta, term);
    }
  }

  /** The term of a string value: its text when known, its symbolic term, or null. */
  static Term termOf(Value v) {
    if (v instanceof Str s) return Term.text(s.value());
    if (v instanceof Unknown u) return u.term();
    return null;
  }

  /** A short, human rendering of the value for messages. */
  static String render(Value v) {
    if (v instanceof Str s) return s.value();
    if (v instanceof Num n) return n.value().stripTrailingZeros().toPlainString();
    if (v instanceof Bool b) return Boolean.toString(b.value());
    if (v instanceof Null) return "null";
    if (v instanceof Arr a) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(render(a.items().get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Obj) return "{...}";
    Term t = ((Unknown) v).term();
    return t != null ? t.render() : "(unknown)";
  }
}
