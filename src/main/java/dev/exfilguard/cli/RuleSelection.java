package dev.exfilguard.cli;

import dev.exfilguard.config.Glob;
import dev.exfilguard.rules.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --rule} and {@code --skip-rule}: rules chosen by ID or name, with the config file's
 * address globs ({@code AMLX-2*}). IDs match in any case. A pattern that matches no rule is a
 * usage error: a typo would otherwise silently run everything, or nothing.
 */
final class RuleSelection {
  final List<String> include = new ArrayList<>();
  final List<String> exclude = new ArrayList<>();

  /** True when {@code --rule} names the rules to run. */
  boolean names() {
    return !include.isEmpty();
  }

  boolean selects(RuleMeta rule) {
    return (include.isEmpty() || include.stream().anyMatch(p -> matches(p, rule))) && exclude.stream().noneMatch(p -> matches(p, rule));
  }

  /** Every pattern must match one of {@code known}. */
  void check(List<RuleMeta> known) throws UsageException {
    for (List<String> patterns : List.of(include, exclude)) {
      String option = patterns == include ? "--rule" : "--skip-rule";
      for (String p : patterns) {
        if (known.stream().anyMatch(r -> matches(p, r))) continue;
        List<String> candidates = new ArrayList<>();
        for (RuleMeta r : known) {
          candidates.add(r.id());
          candidates.add(r.name());
        }
        throw new UsageException(option + " '" + p + "' matches no rule" + ArgParser.suggestion(p, candidates, "")
            + " ('exfilguard rules list' shows them)");
      }
    }
  }

  private static boolean matches(String pattern, RuleMeta rule) {
    return Glob.address(pattern.toUpperCase(Locale.ROOT)).matches(rule.id().toUpperCase(Locale.ROOT))
        || Glob.address(pattern.toLowerCase(Locale.ROOT)).matches(rule.name().toLowerCase(Locale.ROOT));
  }
}
