package dev.exfilguard.model;

/**
 * What every model value knows about itself: the source text it came from, its origin, and
 * (optionally) the chain that carried it there, e.g. {@code "from parameter x's default at
 * azuredeploy.json:12"}. A default's location is the declaration of the resource that omitted
 * the attribute.
 */
public record Meta(Location location, Origin origin, String via) {

  public static Meta explicit(Location location) {
    return new Meta(location, Origin.EXPLICIT, null);
  }

  public static Meta defaulted(Location resourceLocation, String why) {
    return new Meta(resourceLocation, Origin.DEFAULT, why);
  }

  public Meta withVia(String newVia) {
    return new Meta(location, origin, newVia);
  }
}
