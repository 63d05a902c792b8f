package dev.exfilguard.terraform;

import dev.exfilguard.model.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** IP network functions: cidrsubnet, cidrsubnets, cidrhost, cidrnetmask (IPv4 and IPv6). */
final class NetworkFunctions {
  private NetworkFunctions() {}

  /** An address prefix: the address as a number, its bit length (32 or 128), the prefix length. */
  private record Cidr(BigInteger addr, int bits, int prefix) {
    BigInteger base() {
      return addr.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    }
  }

  static void register(Functions.Registry r) {
    r.add("cidrsubnet", (a, c) -> {
      c.arity(a, 3, 3);
      Cidr p = parse(TfValues.string(a.get(0), "prefix"));
      int newbits = TfValues.integer(a.get(1), "newbits");
      BigInteger netnum = TfValues.number(a.get(2), "netnum").toBigIntegerExact();
      int len = p.prefix() + newbits;
      if (newbits < 0 || len > p.bits()) throw new EvalError("cidrsubnet(): prefix extended beyond " + p.bits() + " bits");
      if (netnum.signum() < 0 || netnum.bitLength() > newbits) throw new EvalError("cidrsubnet(): netnum " + netnum + " does not fit in " + newbits + " bits");
      return c.str(format(p.base().or(netnum.shiftLeft(p.bits() - len)), p.bits()) + "/" + len);
    });
    r.add("cidrsubnets", (a, c) -> {
      c.arity(a, 1, Integer.MAX_VALUE);
      Cidr p = parse(TfValues.string(a.get(0), "prefix"));
      BigInteger next = p.base();
      BigInteger end = p.base().add(BigInteger.ONE.shiftLeft(p.bits() - p.prefix()));
      List<Value> out = new ArrayList<>();
      for (Value nb : a.subList(1, a.size())) {
        int len = p.prefix() + TfValues.integer(nb, "newbits");
        if (len > p.bits() || len < p.prefix()) throw new EvalError("cidrsubnets(): invalid newbits");
        BigInteger size = BigInteger.ONE.shiftLeft(p.bits() - len);
        BigInteger start = next.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
        if (start.add(size).compareTo(end) > 0) throw new EvalError("cidrsubnets(): not enough space");
        out.add(c.str(format(start, p.bits()) + "/" + len));
        next = start.add(size);
      }
      return c.arr(out);
    });
    r.add("cidrhost", (a, c) -> {
      c.arity(a, 2, 2);
      Cidr p = parse(TfValues.string(a.get(0), "prefix"));
      BigInteger host = TfValues.number(a.get(1), "hostnum").toBigIntegerExact();
      BigInteger size = BigInteger.ONE.shiftLeft(p.bits() - p.prefix());
      if (host.signum() < 0) host = size.add(host);
      if (host.signum() < 0 || host.compareTo(size) >= 0) throw new EvalError("cidrhost(): host number out of range");
      return c.str(format(p.base().add(host), p.bits()));
    });
    r.add("cidrnetmask", (a, c) -> {
      c.arity(a, 1, 1);
      Cidr p = parse(TfValues.string(a.get(0), "prefix"));
      if (p.bits() != 32) throw new EvalError("cidrnetmask() takes an IPv4 prefix");
      BigInteger mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE).shiftRight(32 - p.prefix()).shiftLeft(32 - p.prefix());
      return c.str(format(mask, 32));
    });
  }

  private static Cidr parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) throw new EvalError("\"" + s + "\" is not a CIDR prefix");
    String ip = s.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new EvalError("\"" + s + "\" is not a CIDR prefix");
    }
    BigInteger addr;
    int bits;
    if (ip.contains(":")) {
      bits = 128;
      addr = ipv6(ip, s);
    } else {
      bits = 32;
      String[] parts = ip.split("\\.", -1);
      if (parts.length != 4) throw new EvalError("\"" + s + "\" is not a CIDR prefix");
      long v = 0;
      for (String part : parts) {
        int octet;
        try {
          octet = Integer.parseInt(part);
        } catch (NumberFormatException e) {
          throw new EvalError("\"" + s + "\" is not a CIDR prefix");
        }
        if (octet < 0 || octet > 255) throw new EvalError("\"" + s + "\" is not a CIDR prefix");
        v = (v << 8) | octet;
      }
      addr = BigInteger.valueOf(v);
    }
    if (prefix < 0 || prefix > bits) throw new EvalError("\"" + s + "\" has an invalid prefix length");
    return new Cidr(addr, bits, prefix);
  }

  private static BigInteger ipv6(String ip, String whole) {
    String[] halves = ip.split("::", -1);
    if (halves.length > 2) throw new EvalError("\"" + whole + "\" is not a CIDR prefix");
    List<Integer> head = groups(halves[0], whole);
    List<Integer> tail = halves.length == 2 ? groups(halves[1], whole) : List.of();
    int missing = 8 - head.size() - tail.size();
    if (missing < 0 || (halves.length == 1 && missing != 0)) throw new EvalError("\"" + whole + "\" is not a CIDR prefix");
    BigInteger v = BigInteger.ZERO;
    List<Integer> all = new ArrayList<>(head);
    for (int i = 0; i < missing; i++) all.add(0);
    all.addAll(tail);
    for (int g : all) v = v.shiftLeft(16).or(BigInteger.valueOf(g));
    return v;
  }

  private static List<Integer> groups(String s, String whole) {
    List<Integer> out = new ArrayList<>();
    if (s.isEmpty()) return out;
    for (String g : s.split(":", -1)) {
      try {
        int x = Integer.parseInt(g, 16);
        if (x < 0 || x > 0xffff) throw new NumberFormatException();
        out.add(x);
      } catch (NumberFormatException e) {
        throw new EvalError("\"" + whole + "\" is not a CIDR prefix");
      }
    }
    return out;
  }

  private static String format(BigInteger v, int bits) {
    if (bits == 32) {
      long x = v.longValue();
      return ((x >> 24) & 255) + "." + ((x >> 16) & 255) + "." + ((x >> 8) & 255) + "." + (x & 255);
    }
    int[] g = new int[8];
    for (int i = 7; i >= 0; i--) {
      g[i] = v.and(BigInteger.valueOf(0xffff)).intValue();
      v = v.shiftRight(16);
    }
    // the longest run of two or more zero groups becomes "::" (RFC 5952, as Go prints it)
    int best = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
