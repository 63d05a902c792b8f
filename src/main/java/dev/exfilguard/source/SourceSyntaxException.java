package dev.exfilguard.source;

import dev.exfilguard.model.Location;

/** A JSON or YAML file that cannot be parsed, with where and a one-line reason. */
public final class SourceSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Location location;

  public SourceSyntaxException(Location location, String reason) {
    super(reason);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
