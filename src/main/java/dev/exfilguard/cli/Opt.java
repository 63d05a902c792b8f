package dev.exfilguard.cli;

import java.util.List;

/**
 * One command-line option, declared once: its names, the label of its value ({@code null} for a
 * flag), its help text, and what it sets. {@link ArgParser} parses with it and {@link Usage}
 * renders {@code --help} from it, so the two cannot disagree.
 *
 * @param repeatable whether the option may be given more than once (each value is applied)
 */
record Opt(List<String> names, String label, boolean repeatable, String help, Setter setter) {

  /** Applies one value (a flag gets {@code null}); a bad value is a {@link UsageException}. */
  @FunctionalInterface
  interface Setter {
    void set(String value) throws UsageException;
  }

  static Opt flag(String names, String help, Runnable set) {
    return new Opt(List.of(names.split(",")), null, false, help, v -> set.run());
  }

  static Opt value(String names, String label, String help, Setter set) {
    return new Opt(List.of(names.split(",")), label, false, help, set);
  }

  static Opt repeatable(String names, String label, String help, Setter set) {
    return new Opt(List.of(names.split(",")), label, true, help, set);
  }

  boolean takesValue() {
    return label != null;
  }

  /** The long name, for messages ({@code --format}). */
  String longName() {
    return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(names.get(0));
  }

  /**
   * The command's positional parameters.
   *
   * @param min how many must be given
   * @param max how many may be given ({@link Integer#MAX_VALUE} for any number)
   */
  record Positional(String label, int min, int max, String help, Setter setter) {}
}
