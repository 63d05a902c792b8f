package dev.exfilguard.rules.checks;

import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Check;
import dev.exfilguard.rules.Hit;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.rules.network.Cidr;
import dev.exfilguard.rules.network.ServiceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AMLX-04: a user-defined outbound rule of a workspace's managed network that reopens a way out:
 * a ServiceTag rule (not Deny) to Storage, Front Door's frontends, the internet or AzureCloud, or
 * to prefixes of /8 or wider (HIGH); an FQDN rule to {@code *} or a wildcard over storage or
 * Front Door/CDN domains (MEDIUM). Rules the service creates ({@code Required},
 * {@code Dependency}) and the tags it needs (AzureFrontDoor.FirstParty,
 * MicrosoftContainerRegistry) are not judged. Rules are read inline
 * ({@code managedNetwork.outboundRules}) and as child resources (azurerm's outbound rule resources).
 */
public final class ManagedNetworkOutboundRule implements Check {
  private static final Pattern EXFIL_TAG = Pattern.compile("^(storage(\\..+)?|azurefrontdoor\\.frontend|internet|azurecloud(\\..+)?|\\*)$");
  private static final Pattern WIDE_FQDN = Pattern.compile("^(\\*|\\*\\.(blob\\.)?core\\.windows\\.net|\\*\\.azurefd\\.net|\\*\\.azureedge\\.net)$");

  @Override
  public List<Hit> run(Rule rule, ResourceGraph graph) {
    List<Hit> hits = new ArrayList<>();
    for (Resource ws : graph.ofType("Microsoft.MachineLearningServices/workspaces")) {
      if (ws.existing()) continue;
      Optional<Value> inline = ws.at("properties.managedNetwork.outboundRules");
      if (inline.isPresent() && inline.get() instanceof Value.Obj map) {
        for (Map.Entry<String, Value> e : map.fields().entrySet()) {
          if (e.getValue() instanceof Value.Obj r) judge(e.getKey(), r, ws.address(), ws.shortName(), "properties.managedNetwork.outboundRules[" + e.getKey() + "]", hits);
        }
      }
    }
    for (Resource child : graph.ofType("Microsoft.MachineLearningServices/workspaces/outboundRules")) {
      if (child.existing() || !(child.body().get("properties").orElse(null) instanceof Value.Obj props)) continue;
      Term parent = ResourceGraph.parentName(child);
      String wsName = parent == null ? "(unknown)" : parent.render();
      judge(child.shortName(), props, child.address(), wsName, "properties", hits);
    }
    return hits;
  }

  private static void judge(String name, Value.Obj r, String address, String workspace, String path, List<Hit> hits) {
    String category = text(r.get("category")).orElse("UserDefined");
    if (!category.equalsIgnoreCase("UserDefined")) return;
    String type = text(r.get("type")).orElse("");
    if (type.equalsIgnoreCase("ServiceTag")) {
      Optional<Value> action = Paths.get(r, "destination.action");
      if (action.isPresent() && (action.get().isUnknown() || text(action).orElse("").equalsIgnoreCase("Deny"))) return;
      Optional<Value> tag = Paths.get(r, "destination.serviceTag");
      Optional<Value> prefixes = Paths.get(r, "destination.addressPrefixes");
      // with addressPrefixes given, the service ignores serviceTag (the REST specification)
      if (prefixes.isPresent() && prefixes.get() instanceof Value.Arr a && !a.items().isEmpty()) {
        for (Value p : a.items()) {
          if (p instanceof Value.Str s && Cidr.parse(s.value()).map(c -> c.bits() <= 8).orElse(false)) {
            hits.add(hit(address, p, path, "Managed-network outbound rule " + name + " of workspace " + workspace + " allows " + s.value()
                + ", a range that covers large parts of the internet: the managed network's exfiltration protection no longer holds."
                + " Use private endpoint rules to specific resources instead", null));
            return;
          }
        }
        return;
      }
      if (tag.isPresent() && tag.get() instanceof Value.Str s && EXFIL_TAG.matcher(ServiceTags.normalize(s.value())).matches()) {
        hits.add(hit(address, s, path, "Managed-network outbound rule " + name + " of workspace " + workspace + " allows the service tag "
            + s.value() + ", which reaches storage accounts or endpoints anyone can own: the managed network's exfiltration protection "
            + "no longer holds. Use private endpoint rules to the specific storage accounts instead", null));
      }
    } else if (type.equalsIgnoreCase("FQDN")) {
      Optional<Value> dest = r.get("destination");
      if (dest.isPresent() && dest.get() instanceof Value.Str s && WIDE_FQDN.matcher(s.value().trim().toLowerCase(Locale.ROOT)).matches()) {
        hits.add(hit(address, s, path, "Managed-network outbound rule " + name + " of workspace " + workspace + " allows the FQDN " + s.value()
            + ", which covers storage or Front Door endpoints anyone can create; FQDN rules cannot reach storage accounts safely in "
            + "AllowOnlyApprovedOutbound mode. Name specific hosts, or use private endpoint rules for storage", Severity.MEDIUM));
      }
    }
  }

  private static Hit hit(String address, Value at, String path, String msg, Severity severity) {
    return new Hit(address, at.location(), path, msg + dev.exfilguard.rules.Provenance.describe(at), List.of(), severity);
  }

  private static Optional<String> text(Optional<Value> v) {
    return v.filter(Value.Str.class::isInstance).map(x -> ((Value.Str) x).value().trim());
  }
}
