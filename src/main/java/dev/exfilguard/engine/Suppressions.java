package dev.exfilguard.engine;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppress stage: reads inline suppressions (comments in HCL, {@code //} comments in Bicep
 * and in hand-written ARM JSON) and ARM resource metadata (Bicep's {@code @metadata}), then applies them, with the config file's, to
 * a scan's findings.
 *
 * <p>Governance: a suppression must give a reason; one without (or with an unreadable expiry, or
 * naming no rule) does not apply and is itself an {@code EXFG-01} finding. An expired one stops
 * applying and a note says so. One that covers nothing is an {@code EXFG-02} finding when asked for.
 */
public final class Suppressions {
  private Suppressions() {}

  /** {@code # exfilguard:ignore AMLX-22,AMLX-02 exp:2026-01-31 reason}, also after {@code //}. */
  private static final Pattern COMMENT = Pattern.compile("^\\s*(?:#|//)\\s*exfilguard:ignore(?![\\w-])(.*)$");
  private static final Pattern IDS = Pattern.compile("^([A-Za-z][A-Za-z0-9]*-\\d+(?:\\s*,\\s*[A-Za-z][A-Za-z0-9]*-\\d+)*)(.*)$");
  private static final Pattern EXPIRY = Pattern.compile("(?:^|\\s)exp:(\\S*)");
  private static final Pattern ANY_COMMENT = Pattern.compile("^\\s*(?:#|//).*$");

  /** What reading suppressions gave: the valid ones, and findings for the invalid ones. */
  public record Read(List<Suppression> suppressions, List<Finding> invalid) {}

  /**
   * The {@code exfilguard:ignore} comments of one file. A comment covers the first line after
   * its block of comment lines: findings pointing at that line (an attribute), and findings about
   * a resource declared there.
   */
  public static Read inline(String file, List<String> lines) {
    // JSON and Bicep comments start with '//' only ('#' starts a Bicep directive)
    boolean json = file.endsWith(".json") || file.endsWith(".bicep") || file.endsWith(".bicepparam");
    List<Suppression> out = new ArrayList<>();
    List<Finding> invalid = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = COMMENT.matcher(line);
      if (!m.matches() || (json && !line.trim().startsWith("//"))) continue;
      int target = i + 1;
      while (target < lines.size() && ANY_COMMENT.matcher(lines.get(target)).matches()) target++;
      int targetLine = target + 1;
      Location at = new Location(file, i + 1, line.indexOf(line.trim()) + 1);
      String text = m.group(1).trim();
      Matcher ids = IDS.matcher(text);
      if (!ids.matches()) {
        invalid.add(invalidFinding(at, file, "exfilguard:ignore " + text,
            "Inline suppression names no rule ID (write '# exfilguard:ignore AMLX-22 <reason>'); it does not apply"));
        continue;
      }
      List<String> ruleIds = List.of(ids.group(1).split("\\s*,\\s*"));
      String key = "exfilguard:ignore " + String.join(",", ruleIds);
      String rest = ids.group(2);
      LocalDate expires = null;
      Matcher exp = EXPIRY.matcher(rest);
      if (exp.find()) {
        try {
          expires = LocalDate.parse(exp.group(1));
        } catch (DateTimeParseException e) {
          invalid.add(invalidFinding(at, file, key, "Inline suppression of " + String.join(", ", ruleIds)
              + " has an unreadable expiry 'exp:" + exp.group(1) + "' (write exp:YYYY-MM-DD); it does not apply"));
          continue;
        }
        rest = rest.substring(0, exp.start()) + " " + rest.substring(exp.end());
      }
      String reason = reason(rest);
      if (reason.isEmpty()) {
        invalid.add(invalidFinding(at, file, key, "Inline suppression of " + String.join(", ", ruleIds)
            + " gives no reason (write the reason after the rule IDs); it does not apply"));
        continue;
      }
      out.add(new Suppression(Suppression.Kind.INLINE, ruleIds, reason, expires, at,
          f -> atLine(f.location(), file, targetLine) || atLine(f.declaration(), file, targetLine)));
    }
    return new Read(out, invalid);
  }

  private static boolean atLine(Location l, String file, int line) {
    return l.line() == line && l.file().equals(file);
  }

  /** Separators people put before a reason: {@code AMLX-22: reason}, {@code AMLX-22 -- reason}. */
  private static String reason(String rest) {
    return rest.trim().replaceFirst("^[-:\u2013\u2014]+\\s*", "").trim();
  }

  /**
   * ARM resources' {@code metadata.exfilguard.ignore} entries:
   * {@code {"id": "AMLX-22", "reason": "...", "expires": "2026-01-31"}}. They cover findings about
   * that resource (and its inline children, which carry its address).
   */
  public static Read metadata(List<Resource> resources) {
    List<Suppression> out = new ArrayList<>();
    List<Finding> invalid = new ArrayList<>();
    for (Resource r : resources) {
      if (r.format() != SourceFormat.ARM) continue;
      Value ignore = r.at("metadata").flatMap(m -> m instanceof Value.Obj o ? o.get("exfilguard") : java.util.Optional.empty())
          .flatMap(e -> e instanceof Value.Obj o ? o.get("ignore") : java.util.Optional.empty()).orElse(null);
      if (ignore == null) continue;
      String key = "metadata.exfilguard.ignore";
      if (!(ignore instanceof Value.Arr entries)) {
        invalid.add(invalidFinding(ignore.location(), r.address(), key,
            "metadata.exfilguard.ignore of " + r.address() + " must be a list of {id, reason, expires}; it does not apply"));
        continue;
      }
      for (Value entry : entries.items()) {
        Location at = entry.location();
        if (!(entry instanceof Value.Obj o)) {
          invalid.add(invalidFinding(at, r.address(), key, "metadata.exfilguard.ignore entry of " + r.address()
              + " must be an object {id, reason, expires}; it does not apply"));
          continue;
        }
        Set<String> unknown = new LinkedHashSet<>(o.fields().keySet());
        unknown.removeAll(Set.of("id", "reason", "expires"));
        String id = text(o, "id");
        String entryKey = key + " " + (id == null ? "" : id);
        if (!unknown.isEmpty()) {
          invalid.add(invalidFinding(at, r.address(), entryKey, "metadata.exfilguard.ignore entry of " + r.address()
              + " has unknown key '" + unknown.iterator().next() + "' (allowed: id, reason, expires); it does not apply"));
          continue;
        }
        if (id == null || !IDS.matcher(id).matches() || !IDS.matcher(id).replaceFirst("$2").isBlank()) {
          invalid.add(invalidFinding(at, r.address(), entryKey, "metadata.exfilguard.ignore entry of " + r.address()
              + " names no rule ID in \"id\"; it does not apply"));
          continue;
        }
        List<String> ids = List.of(id.trim().split("\\s*,\\s*"));
        String reason = text(o, "reason");
        if (reason == null || reason.isBlank()) {
          invalid.add(invalidFinding(at, r.address(), entryKey, "Suppression of " + String.join(", ", ids) + " on "
              + r.address() + " gives no \"reason\"; it does not apply"));
          continue;
        }
        LocalDate expires = null;
        String exp = text(o, "expires");
        if (exp != null) {
          try {
            expires = LocalDate.parse(exp.trim());
          } catch (DateTimeParseException e) {
            invalid.add(invalidFinding(at, r.address(), entryKey, "Suppression of " + String.join(", ", ids) + " on "
                + r.address() + " has an unreadable \"expires\" '" + exp + "' (write YYYY-MM-DD); it does not apply"));
            continue;
          }
        }
        String address = r.address();
        String file = r.location().file();
        out.add(new Suppression(Suppression.Kind.METADATA, ids, reason.trim(), expires, at,
            f -> f.resourceAddress().equals(address) && f.declaration().file().equals(file)));
      }
    }
    return new Read(out, invalid);
  }

  private static String text(Value.Obj o, String key) {
    return o.get(key).filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value()).orElse(null);
  }

  private static Finding invalidFinding(Location at, String address, String key, String message) {
    return new Finding(ToolRules.INVALID_SUPPRESSION.id(), ToolRules.INVALID_SUPPRESSION.severity(), message, at,
        address, key, List.of());
  }

  /**
   * What applying suppressions gave.
   *
   * @param findings what is still reported (including EXFG-02 for unused suppressions when asked)
   * @param notes one per expired suppression
   */
  public record Applied(List<Finding> findings, List<ScanReport.Suppressed> suppressed, List<Diagnostic> notes) {}

  /**
   * Applies suppressions to findings. The first suppression (in the order given) that names a
   * finding's rule and covers it wins; expired ones never apply.
   */
  public static Applied apply(List<Finding> findings, List<Suppression> suppressions, LocalDate today, boolean reportUnused) {
    return apply(findings, suppressions, today, reportUnused, id -> true);
  }

  /**
   * @param ran whether a rule ran in this scan: a suppression of a rule that did not run
   *     ({@code --rule}, a disabled rule) is not reported as unused, since nothing could match it
   */
  public static Applied apply(List<Finding> findings, List<Suppression> suppressions, LocalDate today, boolean reportUnused,
      java.util.function.Predicate<String> ran) {
    List<Diagnostic> notes = new ArrayList<>();
    List<Suppression> live = new ArrayList<>();
    for (Suppression s : suppressions) {
      if (s.expiredOn(today)) {
        notes.add(Diagnostic.note(s.location(), "suppression of " + s.idList() + " expired on " + s.expires()
            + "; it no longer applies"));
      } else {
        live.add(s);
      }
    }
    List<Finding> kept = new ArrayList<>();
    List<ScanReport.Suppressed> suppressed = new ArrayList<>();
    java.util.Map<Suppression, Set<String>> used = new java.util.IdentityHashMap<>();
    for (Finding f : findings) {
      Suppression by = null;
      for (Suppression s : live) {
        if (s.names(f.ruleId()) && s.scope().covers(f)) {
          by = s;
          break;
        }
      }
      if (by == null) {
        kept.add(f);
      } else {
        suppressed.add(new ScanReport.Suppressed(f, by));
        used.computeIfAbsent(by, k -> new java.util.HashSet<>()).add(by.ruleIds().contains(f.ruleId()) ? f.ruleId() : "*");
      }
    }
    if (reportUnused) {
      for (Suppression s : live) {
        for (String id : s.ruleIds()) {
          if (used.getOrDefault(s, Set.of()).contains(id) || !(id.equals("*") || ran.test(id))) continue;
          String where = switch (s.kind()) {
            case INLINE -> "Inline suppression";
            case METADATA -> "Metadata suppression";
            case CONFIG -> "Config file suppression";
          };
          kept.add(new Finding(ToolRules.UNUSED_SUPPRESSION.id(), ToolRules.UNUSED_SUPPRESSION.severity(),
              where + " of " + id + " matches no finding; remove it", s.location(), s.location().file(),
              "suppression " + s.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + id + " " + s.reason(), List.of()));
        }
      }
    }
    return new Applied(kept, suppressed, notes);
  }
}
