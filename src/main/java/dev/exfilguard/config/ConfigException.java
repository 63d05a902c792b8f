package dev.exfilguard.config;

import dev.exfilguard.model.Location;

/** A config file that does not follow the format: where, and what is wrong. Exit code 2. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Location location;

  public ConfigException(Location location, String message) {
    super(message);
    this.location = location;
  }

  public Location location() {
    return location;
  }

  /** {@code .exfilguard.yaml:4:3: error: unknown key 'x'}. */
  public String render() {
    return location + ": error: " + getMessage();
  }
}
