package dev.exfilguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provider part of an ARM resource ID, {@code /providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet}:
 * the full type and the full name, which may be built from symbols. The subscription and
 * resource group before it are not compared when IDs are matched: one deployment unit is read at
 * a time, and sources write them as placeholders more often than not.
 */
public record ResourceId(String type, Term name) {

  /** The provider part of an ID term; empty when the type is not known text or the shape is not an ID's. */
  public static Optional<ResourceId> parse(Term id) {
    List<Term> segs = id.split('/');
    int p = -1;
    for (int i = segs.size() - 1; i >= 0; i--) {
      if (segs.get(i).isText() && segs.get(i).render().equalsIgnoreCase("providers")) {
        p = i;
        break;
      }
    }
    if (p < 0) return Optional.empty();
    List<Term> rest = new ArrayList<>(segs.subList(p + 1, segs.size()));
    // a trailing slash
    if (!rest.isEmpty() && rest.get(rest.size() - 1).parts().isEmpty()) rest.remove(rest.size() - 1);
    if (rest.size() < 3 || rest.size() % 2 == 0) return Optional.empty();
    if (!rest.get(0).isText()) return Optional.empty();
    StringBuilder type = new StringBuilder(rest.get(0).render());
    List<Term> names = new ArrayList<>();
    for (int i = 1; i < rest.size(); i += 2) {
      if (!rest.get(i).isText()) return Optional.empty();
      type.append('/').append(rest.get(i).render());
      names.add(rest.get(i + 1));
    }
    return Optional.of(new ResourceId(type.toString(), Term.join(names, "/")));
  }

  /**
   * Whether two ID values name the same resource: by reference when both carry one, else by
   * provider type and name for every value of their symbols. UNDECIDED when either is a bare
   * Unknown, or their names depend on values known only at deployment.
   */
  public static Term.Comparison compare(Value a, Value b) {
    if (a.meta().ref() != null && a.meta().ref().equals(b.meta().ref())) return Term.Comparison.SAME;
    Term ta = Value.termOf(a);
    Term tb = Value.termOf(b);
    if (ta == null || tb == null) return Term.Comparison.UNDECIDED;
    Optional<ResourceId> pa = parse(ta);
    Optional<ResourceId> pb = parse(tb);
    if (pa.isEmpty() || pb.isEmpty()) {
      if (ta.isText() && tb.isText()) return ta.compare(tb, true);
      return Term.Comparison.UNDECIDED;
    }
    if (!pa.get().type().equalsIgnoreCase(pb.get().type())) return Term.Comparison.DIFFERENT;
    return pa.get().name().compare(pb.get().name(), true);
  }

  /** A resource's ID as a value: by reference to it, and as a term of its type and name. */
  public static Value valueOf(Resource r) {
    Term t = of(r);
    return Value.Unknown.symbolic(t, "the ID of " + r.address(), Meta.explicit(r.location()).withRef(r.address()));
  }

  /** The last name segment of an ID value, as it reads ({@code st{suffix}}); null when it is no ID. */
  public static String lastName(Value id) {
    Term t = Value.termOf(id);
    if (t == null) return null;
    List<Term> segs = t.split('/');
    return segs.get(segs.size() - 1).render();
  }

  /** A value's text, or its symbolic rendering ({@code /subscriptions/{...}/...}), for messages. */
  public static String render(Value id) {
    Term t = Value.termOf(id);
    return t != null ? t.render() : Value.render(id);
  }

  /**
   * A resource's ID as a term, for comparing with an ID held by a symbol: what precedes
   * {@code /providers/} is a symbol of its own, since it is not compared.
   */
  public static Term of(Resource r) {
    String[] typeSegs = r.type().split("/");
    List<Term> names = r.nameSegments();
    List<Term> parts = new ArrayList<>();
    parts.add(Term.symbol("scope-of:" + r.address(), "scope", null));
    parts.add(Term.text("/providers/" + typeSegs[0]));
    for (int i = 1; i < typeSegs.length; i++) {
      parts.add(Term.text("/" + typeSegs[i] + "/"));
      parts.add(i - 1 < names.size() ? names.get(i - 1) : Term.text(""));
    }
    return Term.concat(parts);
  }
}
