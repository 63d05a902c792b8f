package dev.exfilguard.model;

/**
 * A place in a scanned file. {@code file} is the display path (relative to the working
 * directory where possible, forward slashes); line and column are 1-based.
 */
public record Location(String file, int line, int column) implements Comparable<Location> {

  public static Location of(String file, int line, int column) {
    return new Location(file, line, column);
  }

  @Override
  public int compareTo(Location o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  /** {@code file:line:col}; just {@code file} for a problem with the file as a whole (line 0). */
  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }

  /** {@code file:line}, the form used in messages. */
  public String shortForm() {
    return line <= 0 ? file : file + ":" + line;
  }
}
