package dev.exfilguard.rules;

import dev.exfilguard.model.Location;

/** A rule file that is not a valid rule: where, and a one-line reason. */
public final class RuleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Location location;

  public RuleException(Location location, String reason) {
    super(reason);
    this.location = location;
  }

  public Location location() {
    return location;
  }

  @Override
  public String toString() {
    return location + ": " + getMessage();
  }
}
