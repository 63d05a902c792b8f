package dev.exfilguard.rules.network;

import java.util.Optional;

/** An IPv4 prefix ({@code 10.10.1.0/24}); a bare address is a /32. */
public record Cidr(long network, int bits) {

  public static Optional<Cidr> parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    int bits;
    try {
      bits = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (bits < 0 || bits > 32) return Optional.empty();
    String[] octets = addr.split("\\.", -1);
    if (octets.length != 4) return Optional.empty();
    long value = 0;
    for (String o : octets) {
      try {
        int n = Integer.parseInt(o);
        if (n < 0 || n > 255 || o.isEmpty()) return Optional.empty();
        value = (value << 8) | n;
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(value & mask(bits), bits));
  }

  private static long mask(int bits) {
    return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
  }

  /** Whether every address of {@code other} is in this prefix. */
  public boolean contains(Cidr other) {
    return other.bits >= bits && (other.network & mask(bits)) == network;
  }
}
