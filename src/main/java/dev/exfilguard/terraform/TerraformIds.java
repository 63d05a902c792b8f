package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ARM resource IDs for Terraform resources, built from their type and names, so that
 * {@code azurerm_subnet.x.id} is an ID the graph resolves like any ARM {@code resourceId()};
 * a name known only after apply ({@code "snet-${random_string.s.result}"}) makes an ID built
 * from that symbol. Subscription and resource group are placeholders: the graph links by
 * provider type and name (and first by reference: {@link ModuleScope#id} says which instance).
 */
final class TerraformIds {
  private TerraformIds() {}

  static final String PREFIX = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/";

  static Optional<Value> of(ModuleScope.Instance i, TfEvaluator ev) {
    Meta meta = Meta.explicit(TfEvaluator.location(i.block().range()));
    String tfType = i.type();
    if (tfType.equals("azurerm_resource_group")) {
      return term(i.block(), "name", ev).map(n -> TfValues.stringOf(Term.concat(Term.text("/subscriptions/{subscriptionId}/resourceGroups/"), n), meta));
    }
    if (tfType.equals("azapi_resource") || tfType.equals("azapi_update_resource")) {
      return Azapi.target(i.block(), ev).map(t -> build(t.type(), t.names(), meta));
    }
    Optional<AzurermMapping.Type> t = AzurermMapping.of(tfType);
    if (t.isEmpty()) return Optional.empty();
    List<Term> names = nameSegments(i.block(), t.get(), ev);
    if (names.contains(null)) return Optional.empty();
    return Optional.of(build(t.get().armType(), names, meta));
  }

  /** The ID of a resource of an ARM type with these name segments: a string, or symbolic. */
  static Value build(String armType, List<Term> names, Meta meta) {
    String[] typeSegs = armType.split("/");
    List<Term> parts = new ArrayList<>();
    parts.add(Term.text(PREFIX + typeSegs[0]));
    for (int k = 1; k < typeSegs.length; k++) {
      parts.add(Term.text("/" + typeSegs[k] + "/"));
      parts.add(names.get(k - 1));
    }
    return TfValues.stringOf(Term.concat(parts), meta);
  }

  /** The type and names of an ID value below {@code /providers/}; empty for resource group or subscription IDs. */
  static Optional<ResourceId> parse(Value id) {
    Term t = Value.termOf(id);
    return t == null ? Optional.empty() : ResourceId.parse(t);
  }

  /**
   * The ARM name segments of a mapped resource: its parents' names, then its own {@code name};
   * null where a segment is Unknown in a way no symbol says.
   */
  static List<Term> nameSegments(Block b, AzurermMapping.Type type, TfEvaluator ev) {
    List<Term> segs = new ArrayList<>();
    for (String parentAttr : type.parents()) {
      Term seg = null;
      Optional<Term> v = term(b, parentAttr, ev);
      if (v.isPresent()) seg = parentAttr.endsWith("_id") ? lastSegment(v.get()) : v.get();
      segs.add(seg);
    }
    segs.add(term(b, "name", ev).orElse(null));
    return segs;
  }

  /** An attribute's string value as a term: known, or built from symbols. */
  static Optional<Term> term(Block b, String attribute, TfEvaluator ev) {
    Optional<Attribute> a = b.body().attribute(attribute);
    if (a.isEmpty()) return Optional.empty();
    return Optional.ofNullable(Value.termOf(ev.eval(a.get().expr())));
  }

  static Optional<String> string(Block b, String attribute, TfEvaluator ev) {
    Optional<Attribute> a = b.body().attribute(attribute);
    if (a.isPresent() && ev.eval(a.get().expr()) instanceof Value.Str s) return Optional.of(s.value());
    return Optional.empty();
  }

  /** The last segment of an ID: a parent's own name. */
  static Term lastSegment(Term id) {
    List<Term> segs = id.split('/');
    if (segs.size() > 1 && segs.get(segs.size() - 1).parts().isEmpty()) return segs.get(segs.size() - 2);
    return segs.get(segs.size() - 1);
  }

  static String lastSegment(String id) {
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
