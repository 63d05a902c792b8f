package dev.exfilguard.rules.network;

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

  public static String normalize(String raw) {
    String t = raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    return switch (t) {
      case "virtual_network" -> "virtualnetwork";
      case "azure_loadbalancer" -> "azureloadbalancer";
      default -> t;
    };
  }
}
