package dev.exfilguard.rules;

import java.util.Locale;

/** A rule's severity; the order is from most to least severe. */
public enum Severity {
  HIGH("error"),
  MEDIUM("warning"),
  LOW("note"),
  INFO("note");

  private final String sarifLevel;

  Severity(String sarifLevel) {
    this.sarifLevel = sarifLevel;
  }

  /** SARIF {@code level}: high → error, medium → warning, low and info → note. */
  public String sarifLevel() {
    return sarifLevel;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Severity parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
