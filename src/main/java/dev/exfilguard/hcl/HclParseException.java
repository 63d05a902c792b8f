package dev.exfilguard.hcl;

/**
 * The file is not valid HCL native syntax. The parser stops at the first error: a linter
 * cannot trust anything after a syntax error, so partial results are never returned.
 */
public final class HclParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public HclParseException(String file, int line, int column, String reason) {
    super(reason);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  HclParseException(String file, Pos at, String reason) {
    this(file, at.line(), at.column(), reason);
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

  /** The one-line reason, without position. */
  public String reason() {
    return getMessage();
  }

  /** {@code file:line:col: reason}, the form compilers print and editors can jump to. */
  public String located() {
    return file + ":" + line + ":" + column + ": " + getMessage();
  }

  @Override
  public String toString() {
    return located();
  }
}
