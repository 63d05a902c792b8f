package dev.exfilguard.cli;

import java.util.List;

/**
 * One command-line option, declared once: its names, the label of its value ({@code null} for a
 * flag) and its help text. {@link ArgParser} parses with it and hands each value to
 * {@link Command#set}; {@link Usage} renders {@code --help} from it, so the two cannot disagree.
 *
 * <p>Options are plain data and commands apply them with a {@code switch} on the long name,
 * not with a lambda per option: linking a lambda's call site costs a fraction of a millisecond
 * at start-up, about 10 ms for the scan's table, paid on every hook run.
 *
 * @param repeatable whether the option may be given more than once (each value is applied)
 */
record Opt(List<String> names, String label, boolean repeatable, String help) {

  static Opt flag(String names, String help) {
    return new Opt(List.of(names.split(",")), null, false, help);
  }

  static Opt value(String names, String label, String help) {
    return new Opt(List.of(names.split(",")), label, false, help);
  }

  static Opt repeatable(String names, String label, String help) {
    return new Opt(List.of(names.split(",")), label, true, help);
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
  record Positional(String label, int min, int max, String help) {}
}
