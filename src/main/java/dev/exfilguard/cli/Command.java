package dev.exfilguard.cli;

import java.io.IOException;
import java.util.List;

/**
 * A command of the CLI ({@code scan}, {@code rules explain}, ...). An instance is made for one
 * run: its options' setters fill its fields, then {@link #run} runs it. Everything help shows
 * (description, options, footer) is declared here, next to the fields the options set.
 */
interface Command {
  String name();

  /** The first line is the command's summary in its parent's command list. */
  List<String> description();

  default List<String> footer() {
    return List.of();
  }

  /** The options, handled by {@link #set}; {@code -h} and {@code -V} are added by the parser. */
  default List<Opt> options() {
    return List.of();
  }

  /** Null when the command takes no positional parameters. */
  default Opt.Positional positional() {
    return null;
  }

  /** Applies one option's value ({@code null} for a flag); a bad value is a usage error. */
  default void set(Opt option, String value) throws UsageException {
    throw new IllegalStateException(name() + " does not handle " + option.longName());
  }

  /** Applies one positional parameter. */
  default void positional(String value) throws UsageException {
    throw new IllegalStateException(name() + " takes no positional parameters");
  }

  /** A command group ({@code rules}) names its subcommands; running it bare prints its help. */
  default List<Command> subcommands() {
    return List.of();
  }

  /**
   * Runs the command once its arguments are parsed; returns the exit code. A command group is
   * never run: given alone, {@link Main} prints its help.
   */
  default int run(Streams io) throws UsageException, IOException {
    throw new IllegalStateException(name() + " is a command group");
  }
}
