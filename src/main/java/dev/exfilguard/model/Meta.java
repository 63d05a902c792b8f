package dev.exfilguard.model;

/**
 * What every model value knows about itself: the source text it came from, its origin,
 * (optionally) the chain that carried it there, e.g. {@code "from parameter x's default at
 * azuredeploy.json:12"}, and (for the ID of a resource the source declares) which resource
 * instance it names. A default's location is the declaration of the resource that omitted the
 * attribute.
 *
 * @param ref the address of the resource instance this value is the ID of
 *     ({@code module.net.azurerm_subnet.ml}), when the source says so by a reference rather than by
 *     a string; the graph links by it first, whatever the name evaluates to. Null otherwise.
 */
public record Meta(Location location, Origin origin, String via, String ref) {

  public Meta(Location location, Origin origin, String via) {
    this(location, origin, via, null);
  }

  public static Meta explicit(Location location) {
    return new Meta(location, Origin.EXPLICIT, null, null);
  }

  public static Meta defaulted(Location resourceLocation, String why) {
    return new Meta(resourceLocation, Origin.DEFAULT, why, null);
  }

  public Meta withVia(String newVia) {
    return new Meta(location, origin, newVia, ref);
  }

  public Meta withRef(String newRef) {
    return new Meta(location, origin, via, newRef);
  }

  /** The same knowledge standing at another place. */
  public Meta at(Location newLocation, String newVia) {
    return new Meta(newLocation, origin, newVia, ref);
  }
}
