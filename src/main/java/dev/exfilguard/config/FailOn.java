package dev.exfilguard.config;

import dev.exfilguard.rules.Severity;
import java.util.Locale;

/**
 * Which findings make a scan fail (exit 1): those at or above a severity, or none at all
 * ({@code none}, {@code --soft-fail}). Independent of what is shown, which the severity threshold
 * decides.
 *
 * @param threshold null when no finding fails the scan
 */
public record FailOn(Severity threshold) {
  public static final FailOn NEVER = new FailOn(null);

  public static FailOn at(Severity s) {
    return new FailOn(s);
  }

  /** {@code high}, {@code medium}, {@code low}, {@code info} or {@code none}, in any case. */
  public static FailOn parse(String s) {
    if (s.trim().toLowerCase(Locale.ROOT).equals("none")) return NEVER;
    return at(Severity.parse(s));
  }

  public boolean fails(Severity s) {
    return threshold != null && s.atLeast(threshold);
  }

  @Override
  public String toString() {
    return threshold == null ? "none" : threshold.label();
  }
}
