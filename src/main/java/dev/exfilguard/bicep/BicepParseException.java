package dev.exfilguard.bicep;

/**
 * The file is not Bicep the compiler accepts. The parser stops at the first error: nothing
 * after a syntax error can be trusted, so partial results are never returned.
 */
public final class BicepParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  BicepParseException(String file, int line, int column, String reason) {
    super(reason, null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** {@code file:line:col: reason}, the form compilers print and editors jump to. */
  public String located() {
    return file + ":" + line + ":" + column + ": " + getMessage();
  }

  @Override
  public String toString() {
    return located();
  }
}
