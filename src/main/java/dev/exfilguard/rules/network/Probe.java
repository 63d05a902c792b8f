package dev.exfilguard.rules.network;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A packet exfilguard asks an NSG about (reference §3.0): its direction, protocol and port, and
 * the service tags or prefixes its far end may be named by. {@code mayOnly} tokens are ones
 * that might include the far end but are not known to ({@code AzureCloud} for Front Door).
 *
 * @param port the destination port; -1 for any port
 * @param region the ML compute subnet's region, lower case without spaces; null when Unknown
 */
public record Probe(String name, boolean outbound, int port, Set<String> tokens, Set<String> mayOnly, String regionalTag, String region) {
  static final Set<String> INTERNET = Set.of("*", "0.0.0.0/0", "internet");

  /** P_NET: an arbitrary internet host on TCP/443. */
  public static Probe internet() {
    return new Probe("P_NET", true, 443, INTERNET, Set.of(), null, null);
  }

  /** P_STG: an arbitrary storage account in the region, on TCP/443. */
  public static Probe storage(String region) {
    Set<String> t = new LinkedHashSet<>(INTERNET);
    t.add("azurecloud");
    t.add("storage");
    if (region != null) {
      t.add("azurecloud." + region);
      t.add("storage." + region);
    }
    return new Probe("P_STG", true, 443, Set.copyOf(t), Set.of(), "storage", region);
  }

  /** P_AFD: a Front Door endpoint on TCP/443; AzureCloud may or may not cover it [U]. */
  public static Probe frontDoor() {
    Set<String> t = new LinkedHashSet<>(INTERNET);
    t.add(ServiceTags.AFD_FRONTEND);
    return new Probe("P_AFD", true, 443, Set.copyOf(t), Set.of("azurecloud"), null, null);
  }

  /** P_IN: anything from the internet, to any port. */
  public static Probe inboundInternet() {
    return new Probe("P_IN", false, -1, INTERNET, Set.of(), null, null);
  }

  /** Outbound TCP to one service tag (and its global form), for "is this required tag allowed". */
  public static Probe serviceTag(String tag, int port, String region) {
    String t = ServiceTags.normalize(tag);
    Set<String> tokens = new LinkedHashSet<>(INTERNET);
    tokens.add(t);
    if (region != null) tokens.add(t + "." + region);
    return new Probe(tag, true, port, Set.copyOf(tokens), Set.of(), t, region);
  }

  /** Whether a destination token (normalised) names this probe's far end: TRUE, FALSE or UNKNOWN (may). */
  public dev.exfilguard.rules.Tri names(String token) {
    if (tokens.contains(token)) return dev.exfilguard.rules.Tri.TRUE;
    // Storage.{resourceGroupLocation}: a regional tag whose region is known only at deployment
    if (regionalTag != null && ServiceTags.hasPlaceholder(token) && token.startsWith(regionalTag + ".")) return dev.exfilguard.rules.Tri.UNKNOWN;
    if (mayOnly.contains(token)) return dev.exfilguard.rules.Tri.UNKNOWN;
    // the subnet's region is Unknown: any regional form of the tag may be the one
    if (regionalTag != null && region == null && token.startsWith(regionalTag + ".")) return dev.exfilguard.rules.Tri.UNKNOWN;
    return dev.exfilguard.rules.Tri.FALSE;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
