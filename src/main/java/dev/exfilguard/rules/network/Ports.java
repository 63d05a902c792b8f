package dev.exfilguard.rules.network;

import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.List;

/** Port lists as NSG and firewall rules write them: {@code "443"}, {@code "440-450"}, {@code "*"}, numbers. */
public final class Ports {
  private Ports() {}

  /** Whether the list covers the port; UNKNOWN when an Unknown or unreadable entry might. */
  public static Tri cover(List<Value> ports, int port) {
    boolean unknown = false;
    for (Value v : ports) {
      if (v.isUnknown()) {
        unknown = true;
        continue;
      }
      String text = v instanceof Value.Num n ? n.value().toPlainString() : v instanceof Value.Str s ? s.value().trim() : null;
      if (text == null) continue;
      if (text.equals("*")) return Tri.TRUE;
      for (String part : text.split(",")) {
        String[] ab = part.trim().split("-");
        try {
          int lo = Integer.parseInt(ab[0].trim());
          int hi = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : lo;
          if (port >= lo && port <= hi) return Tri.TRUE;
        } catch (NumberFormatException e) {
          unknown = true;
        }
      }
    }
    return unknown ? Tri.UNKNOWN : Tri.FALSE;
  }
}
