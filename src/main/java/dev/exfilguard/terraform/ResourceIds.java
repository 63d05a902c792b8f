package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ARM resource IDs for Terraform resources, built from their type and names, so that
 * {@code azurerm_subnet.x.id} is an ID the graph resolves like any ARM {@code resourceId()}.
 * Subscription and resource group are placeholders: the graph links by provider type and name.
 */
final class ResourceIds {
  private ResourceIds() {}

  static final String PREFIX = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/";

  /** A parsed ARM ID: the full type and the name segments. */
  record Parsed(String type, List<String> names) {}

  static Optional<Value> of(ModuleScope.Instance i, TfEvaluator ev) {
    Meta meta = Meta.explicit(TfEvaluator.location(i.block().range()));
    String tfType = i.type();
    if (tfType.equals("azurerm_resource_group")) {
      return string(i.block(), "name", ev).map(n -> new Value.Str("/subscriptions/{subscriptionId}/resourceGroups/" + n, meta));
    }
    if (tfType.equals("azapi_resource") || tfType.equals("azapi_update_resource")) {
      return Azapi.target(i.block(), ev).map(t -> new Value.Str(build(t.type(), t.names()), meta));
    }
    Optional<AzurermMapping.Type> t = AzurermMapping.of(tfType);
    if (t.isEmpty()) return Optional.empty();
    List<String> names = nameSegments(i.block(), t.get(), ev);
    if (names.contains(null)) return Optional.empty();
    return Optional.of(new Value.Str(build(t.get().armType(), names), meta));
  }

  static String build(String armType, List<String> names) {
    String[] typeSegs = armType.split("/");
    StringBuilder sb = new StringBuilder(PREFIX).append(typeSegs[0]);
    for (int k = 1; k < typeSegs.length; k++) sb.append('/').append(typeSegs[k]).append('/').append(names.get(k - 1));
    return sb.toString();
  }

  /** The type and names of an ID below {@code /providers/}; empty for resource group or subscription IDs. */
  static Optional<Parsed> parse(String id) {
    int p = id.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
    if (p < 0) return Optional.empty();
    String[] segs = id.substring(p + "/providers/".length()).split("/");
    if (segs.length < 3 || segs.length % 2 == 0) return Optional.empty();
    StringBuilder type = new StringBuilder(segs[0]);
    List<String> names = new ArrayList<>();
    for (int k = 1; k < segs.length; k += 2) {
      type.append('/').append(segs[k]);
      names.add(segs[k + 1]);
    }
    return Optional.of(new Parsed(type.toString(), names));
  }

  /**
   * The ARM name segments of a mapped resource: its parents' names, then its own {@code name};
   * null where a segment is not known.
   */
  static List<String> nameSegments(Block b, AzurermMapping.Type type, TfEvaluator ev) {
    List<String> segs = new ArrayList<>();
    for (String parentAttr : type.parents()) {
      String seg = null;
      Optional<String> v = string(b, parentAttr, ev);
      if (v.isPresent()) seg = parentAttr.endsWith("_id") ? lastSegment(v.get()) : v.get();
      segs.add(seg);
    }
    segs.add(string(b, "name", ev).orElse(null));
    return segs;
  }

  static Optional<String> string(Block b, String attribute, TfEvaluator ev) {
    Optional<Attribute> a = b.body().attribute(attribute);
    if (a.isPresent() && ev.eval(a.get().expr()) instanceof Value.Str s) return Optional.of(s.value());
    return Optional.empty();
  }

  static String lastSegment(String id) {
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
