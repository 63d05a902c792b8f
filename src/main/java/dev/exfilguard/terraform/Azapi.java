package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.ResourceId;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azapi_resource} and {@code azapi_update_resource}: the ARM type comes from
 * {@code type = "Microsoft.X/y@api-version"}, the parent names from {@code parent_id} (or the
 * whole ID from {@code resource_id}), and the body is already ARM: an HCL object (azapi 2.x) or
 * a {@code jsonencode(...)} string (azapi 1.x), taken as the resource object.
 */
final class Azapi {
  private Azapi() {}

  /** The ARM type and name segments an azapi block addresses. */
  record Target(String type, List<Term> names) {}

  static Optional<String> armType(Block b, TfEvaluator ev) {
    return TerraformIds.string(b, "type", ev).map(t -> t.contains("@") ? t.substring(0, t.indexOf('@')) : t);
  }

  static Optional<Target> target(Block b, TfEvaluator ev) {
    Optional<Term> rid = TerraformIds.term(b, "resource_id", ev);
    if (rid.isPresent()) return ResourceId.parse(rid.get()).map(p -> new Target(p.type(), p.name().split('/')));
    Optional<String> type = armType(b, ev);
    Optional<Term> name = TerraformIds.term(b, "name", ev);
    if (type.isEmpty() || name.isEmpty()) return Optional.empty();
    int depth = type.get().split("/").length - 1;
    List<Term> names = new ArrayList<>();
    if (depth > 1) {
      // parent_id = azapi_resource.ws.id: the parent's ID, known or built from the same symbols as its name
      Optional<ResourceId> parent = TerraformIds.term(b, "parent_id", ev).flatMap(ResourceId::parse);
      if (parent.isEmpty()) return Optional.empty();
      List<Term> pn = parent.get().name().split('/');
      if (pn.size() < depth - 1) return Optional.empty();
      names.addAll(pn.subList(pn.size() - (depth - 1), pn.size()));
    }
    names.add(name.get());
    return Optional.of(new Target(type.get(), names));
  }

  /** The resource object: the body, with azapi's own {@code location} where the body has none. */
  static Value.Obj body(Block b, TfEvaluator ev, Location at) {
    Map<String, Value> out = new LinkedHashMap<>();
    Optional<Attribute> body = b.body().attribute("body");
    if (body.isPresent()) {
      Value v = ev.eval(body.get().expr());
      if (v instanceof Value.Str s) {
        try {
          // azapi 1.x takes the body as a JSON string: its values stand where the body is written
          v = TreeReader.readJson(at.file(), s.value()).relocated(s.location());
        } catch (SourceSyntaxException e) {
          v = new Value.Unknown("body is not JSON: " + e.getMessage(), s.meta());
        }
      }
      if (v instanceof Value.Obj o) {
        out.putAll(o.fields());
      } else {
        out.put("properties", v.isUnknown() ? v : new Value.Unknown("body is not an object", v.meta()));
      }
    }
    TerraformIds.term(b, "name", ev).ifPresent(n -> out.putIfAbsent("name", TfValues.stringOf(n, Meta.explicit(at))));
    b.body().attribute("location").ifPresent(a -> out.putIfAbsent("location", ev.eval(a.expr())));
    return new Value.Obj(out, Meta.explicit(at));
  }
}
