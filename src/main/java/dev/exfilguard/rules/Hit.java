package dev.exfilguard.rules;

import dev.exfilguard.model.Location;
import java.util.List;

/**
 * What a rule reports before the engine turns it into a finding: where, about which resource
 * and attribute, and the places its reasoning went through.
 */
public record Hit(String resourceAddress, Location location, String attributePath, String message, List<Related> related) {
  public Hit {
    related = List.copyOf(related);
  }

  public record Related(Location location, String message) {}
}
