package dev.exfilguard.cli;

/**
 * The command line asks for something that cannot be done as written: an unknown option or
 * command, a missing or bad value, options that exclude each other. Exit 2, with a pointer to
 * {@code --help}.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
