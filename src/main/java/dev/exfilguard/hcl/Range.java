package dev.exfilguard.hcl;

/** A span of source; {@code end} is exclusive. */
public record Range(String file, Pos start, Pos end) {

  /** The smallest range covering both. */
  public static Range span(Range from, Range to) {
    return new Range(from.file(), from.start(), to.end());
  }

  @Override
  public String toString() {
    return file + ":" + start.line() + ":" + start.column() + "-" + end.line() + ":" + end.column();
  }
}
