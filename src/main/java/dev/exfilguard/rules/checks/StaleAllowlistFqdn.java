package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Tri;
import dev.exfilguard.rules.network.FirewallRules;
import dev.exfilguard.rules.network.FirewallRules.FirewallRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMLX-33: allowlist FQDNs from older guidance that no longer match what ML compute calls:
 * {@code automlresources-prod.azureedge.net} (moved to an azurefd.net host), Batch hosts
 * written without the leading {@code *.} ({@code westeurope.batch.azure.com}: the nodes call
 * {@code <account>.westeurope.batch.azure.com}) and the {@code service.batch.com} typo. A Java
 * check rather than a {@code when:} tree: a tree reports one value per resource, and azurerm's
 * standalone firewall collections would be reported twice (merged into their firewall and on
 * their own). Only Allow collections, FQDN-typed managed-network rules.
 */
public final class StaleAllowlistFqdn implements Check {
  private static final Pattern BARE_BATCH = Pattern.compile("^([a-z0-9]+)\\.(service\\.)?batch\\.azure\\.com$");
  private static final Pattern BATCH_TYPO = Pattern.compile("^(?:\\*\\.)?([a-z0-9]+)\\.service\\.batch\\.com$");

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (FirewallRule fr : FirewallRules.of(graph)) {
      if (fr.allows() != Tri.TRUE) continue;
      for (String property : List.of("targetFqdns", "destinationFqdns")) {
        for (Value v : fr.list(property)) {
          stale(v).ifPresent(fix -> hits.add(new Hit(fr.address(), v.location(), fr.path() + "." + property,
              "Firewall " + fr.describe() + " allows " + ((Value.Str) v).value().trim() + ", " + fix, List.of())));
        }
      }
    }
    for (Resource ws : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      if (ws.existing()) continue;
      Optional<Value> rules = ws.at("properties.managedNetwork.outboundRules");
      if (rules.isEmpty() || !(rules.get() instanceof Value.Obj o)) continue;
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        managed(ws, e.getKey(), e.getValue(), "properties.managedNetwork.outboundRules." + e.getKey(), hits);
      }
    }
    for (Resource r : graph.ofType("Microsoft.MachineLearningServices/workspaces/outboundRules")) {
      if (!r.existing()) managed(r, r.shortName(), r.at("properties").orElse(null), "properties", hits);
    }
    return hits;
  }

  private static void managed(Resource owner, String name, Value rule, String path, List<Hit> hits) {
    if (rule == null) return;
    Optional<Value> type = Paths.get(rule, "type");
    if (type.isEmpty() || !(type.get() instanceof Value.Str t) || !t.value().trim().equalsIgnoreCase("FQDN")) return;
    Optional<Value> dest = Paths.get(rule, "destination");
    if (dest.isEmpty()) return;
    Value v = dest.get();
    stale(v).ifPresent(fix -> hits.add(new Hit(owner.address(), v.location(), path + ".destination",
        "Managed-network outbound rule " + name + " of " + owner.address() + " allows " + ((Value.Str) v).value().trim() + ", " + fix, List.of())));
  }

  /** What is wrong with the FQDN and its current replacement, when it is a stale one. */
  static Optional<String> stale(Value v) {
    if (!(v instanceof Value.Str s)) return Optional.empty();
    String f = s.value().trim().toLowerCase(Locale.ROOT);
    if (f.equals("automlresources-prod.azureedge.net")) {
      return Optional.of("the AutoML host of older guidance; the current one is automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net. "
          + "Replace it, or AutoML downloads fail and someone widens the allowlist");
    }
    Matcher typo = BATCH_TYPO.matcher(f);
    if (typo.matches()) {
      return Optional.of("a misspelt Batch host (service.batch.com) that matches nothing Batch uses. Replace it with *." + typo.group(1)
          + ".service.batch.azure.com");
    }
    Matcher bare = BARE_BATCH.matcher(f);
    if (bare.matches()) {
      String region = bare.group(1);
      return Optional.of("which does not match the per-account Batch hosts compute calls (<account>." + region
          + (bare.group(2) != null ? ".service" : "") + ".batch.azure.com). Replace it with *." + region + ".batch.azure.com and *." + region
          + ".service.batch.azure.com");
    }
    return Optional.empty();
  }
}
