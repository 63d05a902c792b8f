package dev.exfilguard.rules;

import java.util.List;

/**
 * What reporters and docs know of a rule: everything but its logic.
 *
 * @param id stable ID, {@code AMLX-nn}
 * @param name slug, the YAML file's stem
 * @param source the YAML file the rule was loaded from (for messages)
 */
public record RuleMeta(
    String id,
    String name,
    String title,
    Severity severity,
    String category,
    List<String> resourceTypes,
    String description,
    String remediation,
    List<String> references,
    String source) {

  public RuleMeta {
    resourceTypes = List.copyOf(resourceTypes);
    references = List.copyOf(references);
  }

  /** Where the rule's documentation lives, relative to the repository root. */
  public String helpPath() {
    // the tool's findings about suppressions (not rule files) are documented in the README
    if (source.equals("built-in")) return "README.md#suppressions";
    return "rules/README.md#" + id.toLowerCase(java.util.Locale.ROOT) + "-" + name;
  }
}
