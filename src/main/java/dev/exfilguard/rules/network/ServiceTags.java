package dev.exfilguard.rules.network;

import dev.exfilguard.model.Value;
import java.util.Locale;

/**
 * Service tag spellings. Tags are compared case-insensitively; regional forms lose their
 * spaces ({@code Storage.West Europe} = {@code storage.westeurope}); the classic spellings
 * {@code INTERNET}, {@code VIRTUAL_NETWORK} and {@code AZURE_LOADBALANCER} map to today's
 * names (service-tags-overview.md).
 */
public final class ServiceTags {
  private ServiceTags() {}

  public static final String AFD_FRONTEND = "azurefrontdoor.frontend";

  /**
   * Whether a (normalised) tag or region holds a deployment-time placeholder such as
   * {@code {resourceGroupLocation}}: it names something, but not something known here.
   */
  public static boolean hasPlaceholder(String token) {
    return token.indexOf('{') >= 0;
  }

  /**
   * A tag as rules read it: a regional tag whose region is known only at deployment
   * ({@code format('Storage.{0}', resourceGroup().location)}) reads as the tag with the region in
   * braces, {@code Storage.{resourceGroup().location}}, so it is still a Storage tag of an unknown
   * region; any other symbolic value stays Unknown, since it may be any tag or prefix.
   */
  public static Value asTag(Value v) {
    if (!(v instanceof Value.Unknown u) || u.term() == null) return v;
    String prefix = u.term().textPrefix();
    if (!REGIONAL.matcher(prefix).matches()) return v;
    return new Value.Str(u.term().render(), v.meta());
  }

  private static final java.util.regex.Pattern REGIONAL = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*\\.");

  public static String normalize(String raw) {
    String t = raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    return switch (t) {
      case "virtual_network" -> "virtualnetwork";
      case "azure_loadbalancer" -> "azureloadbalancer";
      default -> t;
    };
  }
}
