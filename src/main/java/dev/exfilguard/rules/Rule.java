package dev.exfilguard.rules;

import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded rule: metadata, a message template, and its logic: a condition tree or a Java check.
 * Message placeholders: {@code {name}} (the resource's short name), {@code {resource}} (its
 * address), {@code {value}} (the offending value), {@code {path}} (its ARM path).
 */
public record Rule(RuleMeta meta, String message, Condition when, Check check, String checkName) {

  public List<Hit> evaluate(ResourceGraph graph) {
    if (check != null) return check.run(this, graph);
    List<Hit> hits = new ArrayList<>();
    for (String type : meta.resourceTypes()) {
      for (Resource r : graph.ofType(type)) {
        if (r.existing()) continue;
        Outcome o = when.eval(r.body(), "");
        if (o.result() != Tri.TRUE) continue;
        Value w = o.witness();
        hits.add(new Hit(r.address(), w != null ? w.location() : r.location(), o.path() == null ? "" : o.path(),
            render(r, w, o.path()), List.of()));
      }
    }
    return hits;
  }

  /** The message for one resource, with how the offending value got there. */
  public String render(Resource r, Value witness, String path) {
    String text = message
        .replace("{name}", r.shortName())
        .replace("{resource}", r.address())
        .replace("{value}", witness == null ? "not set" : Value.render(witness))
        .replace("{path}", path == null ? "" : path);
    return text + Provenance.describe(witness);
  }
}
