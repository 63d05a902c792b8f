package dev.exfilguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a SARIF log must satisfy to be uploaded to GitHub code scanning: the OASIS 2.1.0 schema,
 * plus the invariants GitHub checks or relies on: artifact URIs relative to {@code %SRCROOT%} or
 * absolute {@code file:} URIs without a base, unique rule IDs,
 * each result's {@code ruleIndex} pointing at its rule, and {@code partialFingerprints} on every
 * result.
 */
public final class SarifChecks {
  private SarifChecks() {}

  /** Every violation, one per line; empty when the log is fine. */
  public static String violations(JsonNode sarif) {
    List<String> out = new ArrayList<>();
    String schema = SarifSchema.violations(sarif);
    if (!schema.isEmpty()) out.add(schema);
    for (JsonNode run : sarif.path("runs")) {
      JsonNode rules = run.at("/tool/driver/rules");
      Set<String> ids = new HashSet<>();
      for (JsonNode r : rules) {
        if (!ids.add(r.path("id").asText())) out.add("duplicate rule id " + r.path("id").asText());
      }
      for (JsonNode res : run.path("results")) {
        String id = res.path("ruleId").asText();
        int index = res.path("ruleIndex").asInt(-1);
        if (index < 0 || index >= rules.size() || !rules.get(index).path("id").asText().equals(id)) {
          out.add("result " + id + " has ruleIndex " + index + " that does not point at its rule");
        }
        if (!res.path("partialFingerprints").isObject() || res.path("partialFingerprints").isEmpty()) {
          out.add("result " + id + " has no partialFingerprints");
        }
        List<JsonNode> locations = new ArrayList<>();
        res.path("locations").forEach(locations::add);
        res.path("relatedLocations").forEach(locations::add);
        res.path("suppressions").forEach(s -> locations.add(s.path("location")));
        for (JsonNode l : locations) {
          String uri = l.at("/physicalLocation/artifactLocation/uri").asText("");
          if (uri.isEmpty()) continue;
          String base = l.at("/physicalLocation/artifactLocation/uriBaseId").asText("");
          URI u = URI.create(uri);
          if (u.isAbsolute()) {
            if (!"file".equals(u.getScheme()) || !uri.startsWith("file:///")) out.add("absolute uri " + uri + " is not a file: URI");
            if (!base.isEmpty()) out.add("absolute uri " + uri + " has a uriBaseId");
          } else if (uri.startsWith("/")) {
            out.add("uri " + uri + " is a bare absolute path");
          } else if (!base.equals("%SRCROOT%")) {
            out.add("uri " + uri + " is not relative to %SRCROOT%");
          }
        }
      }
    }
    return String.join("\n", out);
  }
}
