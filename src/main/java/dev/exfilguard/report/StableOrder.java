package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Total orders for what reporters print. {@link Finding#ORDER} and {@link Diagnostic}'s natural
 * order leave ties (same place, rule, address and message but another attribute path, or an
 * error and a note with the same text); output must be byte-identical however the engine
 * happened to produce its lists, so reporters break those ties here.
 */
final class StableOrder {
  private StableOrder() {}

  private static final Comparator<Finding> FINDINGS =
      Finding.ORDER
          .thenComparing(Finding::attributePath)
          .thenComparing(Finding::severity)
          .thenComparing(f -> f.related().toString());

  private static final Comparator<Diagnostic> DIAGNOSTICS =
      Comparator.<Diagnostic>naturalOrder().thenComparing(Diagnostic::kind);

  static List<Finding> findings(List<Finding> findings) {
    return findings.stream().sorted(FINDINGS).toList();
  }

  static List<Diagnostic> diagnostics(List<Diagnostic> diagnostics) {
    return diagnostics.stream().sorted(DIAGNOSTICS).toList();
  }

  /**
   * Rules by id, one per id. The engine should never hand over two rules with one id (the
   * catalogue test forbids it); if it does, the first wins so SARIF keeps unique ids.
   */
  static List<RuleMeta> rules(List<RuleMeta> rules) {
    Map<String, RuleMeta> byId = new LinkedHashMap<>();
    for (RuleMeta r : rules) byId.putIfAbsent(r.id(), r);
    List<RuleMeta> sorted = new ArrayList<>(byId.values());
    sorted.sort(Comparator.comparing(RuleMeta::id));
    return List.copyOf(sorted);
  }
}
