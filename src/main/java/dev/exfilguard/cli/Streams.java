package dev.exfilguard.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command writes to and reads its settings from: standard output (findings), standard
 * error (diagnostics), the environment, and whether standard output is a terminal.
 */
record Streams(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {

  /**
   * Colour for text written to standard output. {@code --no-color} always wins; otherwise
   * FORCE_COLOR set and not empty turns colour on even when standard output is not a terminal
   * (force-color.org), NO_COLOR set and not empty turns it off (no-color.org: an empty NO_COLOR
   * does nothing), and without either, colour is used on a terminal.
   */
  boolean color(boolean noColorOption) {
    if (noColorOption) return false;
    if (!env.getOrDefault("FORCE_COLOR", "").isEmpty()) return true;
    if (!env.getOrDefault("NO_COLOR", "").isEmpty()) return false;
    return terminal;
  }
}
