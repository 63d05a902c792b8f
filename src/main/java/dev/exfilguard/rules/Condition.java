package dev.exfilguard.rules;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule's {@code when:} tree over ARM paths, evaluated in three-valued logic. String
 * comparisons ignore case, as Azure does for enum values, service tags and property names.
 */
public sealed interface Condition {

  /** Evaluates against {@code root} (a resource object, or an array element under a quantifier). */
  Outcome eval(Value root, String rootPath);

  /** Where the condition was written, for messages about the rule file itself. */
  Location source();

  record All(List<Condition> items, Location source) implements Condition {
    @Override
    public Outcome eval(Value root, String rootPath) {
      Outcome last = null;
      boolean unknown = false;
      for (Condition c : items) {
        Outcome o = c.eval(root, rootPath);
        if (o.result() == Tri.FALSE) return Outcome.FALSE;
        if (o.result() == Tri.UNKNOWN) unknown = true;
        else if (o.witness() != null || last == null) last = o;
      }
      if (unknown) return Outcome.UNKNOWN;
      return last != null ? last : Outcome.isTrue(null, null);
    }
  }

  record Any(List<Condition> items, Location source) implements Condition {
    @Override
    public Outcome eval(Value root, String rootPath) {
      boolean unknown = false;
      for (Condition c : items) {
        Outcome o = c.eval(root, rootPath);
        if (o.result() == Tri.TRUE) return o;
        if (o.result() == Tri.UNKNOWN) unknown = true;
      }
      return unknown ? Outcome.UNKNOWN : Outcome.FALSE;
    }
  }

  record Not(Condition inner, Location source) implements Condition {
    @Override
    public Outcome eval(Value root, String rootPath) {
      Tri t = inner.eval(root, rootPath).result().not();
      return t == Tri.TRUE ? Outcome.isTrue(null, null) : t == Tri.FALSE ? Outcome.FALSE : Outcome.UNKNOWN;
    }
  }

  /**
   * {@code some:}/{@code every:} over the items of an array (or the values of an object, as in a
   * workspace's {@code managedNetwork.outboundRules} map), with {@code where:} on each item.
   */
  record Quantified(boolean every, String path, Condition where, Location source) implements Condition {
    @Override
    public Outcome eval(Value root, String rootPath) {
      Optional<Value> v = Paths.get(root, path);
      if (v.isEmpty() || v.get() instanceof Value.Null) return every ? Outcome.isTrue(null, null) : Outcome.FALSE;
      if (v.get().isUnknown()) return Outcome.UNKNOWN;
      List<Value> items;
      List<String> keys = new java.util.ArrayList<>();
      if (v.get() instanceof Value.Arr a) {
        items = a.items();
        for (int i = 0; i < items.size(); i++) keys.add(itemKey(items.get(i), i));
      } else if (v.get() instanceof Value.Obj o) {
        items = new java.util.ArrayList<>(o.fields().values());
        keys.addAll(o.fields().keySet());
      } else {
        return Outcome.FALSE;
      }
      boolean unknown = false;
      Outcome witness = null;
      for (int i = 0; i < items.size(); i++) {
        Value item = items.get(i);
        Outcome o = where.eval(item, join(rootPath, path) + "[" + keys.get(i) + "]");
        if (every && o.result() == Tri.FALSE) return Outcome.FALSE;
        if (!every && o.result() == Tri.TRUE) return o;
        if (o.result() == Tri.UNKNOWN) unknown = true;
        if (o.result() == Tri.TRUE && witness == null) witness = o;
      }
      if (unknown) return Outcome.UNKNOWN;
      return every ? (witness != null ? witness : Outcome.isTrue(v.get(), join(rootPath, path))) : Outcome.FALSE;
    }

    /** Items are keyed by their {@code name} where they have one, so paths survive reordering. */
    private static String itemKey(Value item, int i) {
      if (item instanceof Value.Obj o && o.get("name").orElse(null) instanceof Value.Str s) return s.value();
      return Integer.toString(i);
    }
  }

  /** A predicate on the value at {@code path} ({@code @} is the root itself). */
  record Field(String path, Op op, Location source) implements Condition {
    @Override
    public Outcome eval(Value root, String rootPath) {
      Optional<Value> found = path.equals("@") ? Optional.of(root) : Paths.get(root, path);
      String full = path.equals("@") ? rootPath : join(rootPath, path);
      if (found.isEmpty() || found.get() instanceof Value.Null) {
        return op.onAbsent() ? Outcome.isTrue(null, full) : Outcome.FALSE;
      }
      Value v = found.get();
      if (v.isUnknown()) {
        // a string built from symbols can still match a pattern for every value, as
        // /subscriptions/{subscriptionId} is a subscription's scope whatever the subscription
        if (op instanceof Matches m && v instanceof Value.Unknown u && u.term() != null && m.holdsForEveryValue(u.term())) {
          return Outcome.isTrue(v, full);
        }
        return Outcome.UNKNOWN;
      }
      Tri t = op.test(v);
      return t == Tri.TRUE ? Outcome.isTrue(v, full) : t == Tri.FALSE ? Outcome.FALSE : Outcome.UNKNOWN;
    }
  }

  private static String join(String a, String b) {
    if (a == null || a.isEmpty()) return b;
    return a + "." + b;
  }

  /** The comparison a {@link Field} makes on a present value. */
  sealed interface Op {
    Tri test(Value v);

    /** What the predicate says about an absent value. */
    default boolean onAbsent() {
      return false;
    }
  }

  record Equals(Value expected) implements Op {
    @Override
    public Tri test(Value v) {
      return sameScalar(v, expected);
    }
  }

  record In(List<Value> options) implements Op {
    @Override
    public Tri test(Value v) {
      for (Value o : options) if (sameScalar(v, o) == Tri.TRUE) return Tri.TRUE;
      return Tri.FALSE;
    }
  }

  record Matches(Pattern pattern) implements Op {
    @Override
    public Tri test(Value v) {
      if (v instanceof Value.Str s) return Tri.of(pattern.matcher(s.value()).find());
      return Tri.FALSE;
    }

    /**
     * Whether the pattern matches a symbolic string whatever its symbols hold, as far as two
     * unlike samples show (each symbol as a short word, then as a longer one with a dash and a
     * dot): a match that depends on the values is left undecided.
     */
    boolean holdsForEveryValue(Term t) {
      return pattern.matcher(sample(t, "s")).find() && pattern.matcher(sample(t, "Sym-9.x")).find();
    }

    private static String sample(Term t, String word) {
      StringBuilder sb = new StringBuilder();
      for (Term.Part p : t.parts()) {
        if (p instanceof Term.Text x) sb.append(x.text());
        else sb.append(word);
      }
      return sb.toString();
    }
  }

  record Exists(boolean expected) implements Op {
    @Override
    public Tri test(Value v) {
      return Tri.of(expected);
    }

    @Override
    public boolean onAbsent() {
      return !expected;
    }
  }

  /** An array value containing an item equal to {@code expected} (any item Unknown: UNKNOWN). */
  record Contains(Value expected) implements Op {
    @Override
    public Tri test(Value v) {
      if (!(v instanceof Value.Arr a)) return sameScalar(v, expected);
      boolean unknown = false;
      for (Value item : a.items()) {
        Tri t = sameScalar(item, expected);
        if (t == Tri.TRUE) return Tri.TRUE;
        if (t == Tri.UNKNOWN) unknown = true;
      }
      return unknown ? Tri.UNKNOWN : Tri.FALSE;
    }
  }

  private static Tri sameScalar(Value v, Value expected) {
    if (v.isUnknown()) return Tri.UNKNOWN;
    // the coercion works both ways: Terraform's destination_port_range = 443 is a number where a rule writes "443"
    if (expected instanceof Value.Str && (v instanceof Value.Num || v instanceof Value.Bool)) return sameScalar(expected, v);
    if (v instanceof Value.Str a && expected instanceof Value.Str b) return Tri.of(a.value().equalsIgnoreCase(b.value()));
    if (v instanceof Value.Bool a && expected instanceof Value.Bool b) return Tri.of(a.value() == b.value());
    if (v instanceof Value.Num a && expected instanceof Value.Num b) return Tri.of(a.value().compareTo(b.value()) == 0);
    // ARM and Terraform both accept "true"/"false" and "443" strings where booleans and numbers are meant
    if (v instanceof Value.Str a && expected instanceof Value.Bool b) return Tri.of(a.value().equalsIgnoreCase(Boolean.toString(b.value())));
    if (v instanceof Value.Str a && expected instanceof Value.Num b) {
      try {
        return Tri.of(new BigDecimal(a.value().trim()).compareTo(b.value()) == 0);
      } catch (NumberFormatException e) {
        return Tri.FALSE;
      }
    }
    return Tri.FALSE;
  }

}
