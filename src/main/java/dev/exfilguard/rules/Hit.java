package dev.exfilguard.rules;

import dev.exfilguard.model.Location;
import java.util.List;

/**
 * What a rule reports before the engine turns it into a finding: where, about which resource
 * and attribute, and the places its reasoning went through.
 *
 * @param severity this finding's severity when it differs from the rule's (a risk lowered by a
 *     compensating control, an INFO note on what could not be resolved); null for the rule's
 */
public record Hit(
    String resourceAddress, Location location, String attributePath, String message, List<Related> related, Severity severity) {
  public Hit {
    related = List.copyOf(related);
  }

  public Hit(String resourceAddress, Location location, String attributePath, String message, List<Related> related) {
    this(resourceAddress, location, attributePath, message, related, null);
  }

  public record Related(Location location, String message) {}
}
