package dev.exfilguard.model;

/**
 * Something the tool has to say about its input rather than about risk: a file it could not
 * read or parse (ERROR, makes the run exit 2) or a note on what it could not evaluate.
 */
public record Diagnostic(Kind kind, Location location, String message) implements Comparable<Diagnostic> {

  public enum Kind {
    ERROR,
    NOTE
  }

  public static Diagnostic error(Location location, String message) {
    return new Diagnostic(Kind.ERROR, location, message);
  }

  public static Diagnostic note(Location location, String message) {
    return new Diagnostic(Kind.NOTE, location, message);
  }

  @Override
  public int compareTo(Diagnostic o) {
    int c = location.compareTo(o.location);
    return c != 0 ? c : message.compareTo(o.message);
  }

  @Override
  public String toString() {
    return location + ": " + (kind == Kind.ERROR ? "error: " : "note: ") + message;
  }
}
