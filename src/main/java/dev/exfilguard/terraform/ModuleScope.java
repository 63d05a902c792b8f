package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What expressions in one module can see: variables (their {@code default}; values from tfvars
 * and the command line come with the module loader), and the module's resources, so that
 * {@code azurerm_network_security_group.x.name} and {@code .id} resolve to what the graph
 * needs to link resources.
 */
final class ModuleScope {
  private final Map<String, Block> variables = new HashMap<>();
  private final Map<String, Block> resources = new HashMap<>();
  private final Map<String, Value> variableValues = new HashMap<>();
  private final Map<String, Value> resourceIds = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  final TfEvaluator evaluator = new TfEvaluator(this);

  void addVariable(Block b) {
    if (b.labels().size() == 1) variables.putIfAbsent(b.labels().get(0), b);
  }

  void addResource(Block b) {
    if (b.labels().size() == 2) resources.putIfAbsent(b.labels().get(0) + "." + b.labels().get(1), b);
  }

  Optional<Block> resource(String type, String name) {
    return Optional.ofNullable(resources.get(type + "." + name));
  }

  /** {@code var.name}: the default, or Unknown when there is none. */
  Value variable(String name, Location at) {
    Value v = variableValues.get(name);
    if (v == null) {
      Block b = variables.get(name);
      if (b == null) return new Value.Unknown("variable '" + name + "' is not declared in this module", meta(at));
      Optional<Attribute> def = b.body().attribute("default");
      if (def.isEmpty()) {
        v = new Value.Unknown("variable '" + name + "' has no default", meta(at));
      } else if (!inProgress.add("var." + name)) {
        return new Value.Unknown("variable '" + name + "' refers to itself", meta(at));
      } else {
        try {
          Value d = evaluator.eval(def.get().expr());
          Location defAt = TfEvaluator.location(def.get().expr().range());
          v = d.withMeta(d.meta().withVia("variable '" + name + "' default at " + defAt.shortForm()));
        } finally {
          inProgress.remove("var." + name);
        }
      }
      variableValues.put(name, v);
    }
    return v.relocated(at);
  }

  /** An attribute of another resource in this module, as far as it is known before apply. */
  Value resourceAttribute(String type, String name, String attribute, Location at) {
    Block b = resources.get(type + "." + name);
    if (b == null) return new Value.Unknown(type + "." + name + " is not in this module", meta(at));
    if (attribute.equals("id")) {
      String key = type + "." + name;
      Value id = resourceIds.get(key);
      if (id == null) {
        if (!inProgress.add("id:" + key)) return new Value.Unknown("reference cycle through " + key, meta(at));
        try {
          id = AzurermMapping.idOf(b, this).orElseGet(() -> new Value.Unknown(key + ".id is known only after apply", meta(at)));
        } finally {
          inProgress.remove("id:" + key);
        }
        resourceIds.put(key, id);
      }
      return id.relocated(at);
    }
    // arguments written in the configuration are known; computed attributes are not
    Optional<Attribute> a = b.body().attribute(attribute);
    if (a.isEmpty()) return new Value.Unknown(type + "." + name + "." + attribute + " is known only after apply", meta(at));
    if (!inProgress.add(type + "." + name + "." + attribute)) return new Value.Unknown("reference cycle", meta(at));
    try {
      return evaluator.eval(a.get().expr()).relocated(at);
    } finally {
      inProgress.remove(type + "." + name + "." + attribute);
    }
  }

  private static dev.exfilguard.model.Meta meta(Location at) {
    return dev.exfilguard.model.Meta.explicit(at);
  }
}
