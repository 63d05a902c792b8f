package dev.exfilguard.rules.network;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One NSG security rule read from its ARM shape ({@code name}, {@code properties.direction},
 * ...), whether it was inline, a child resource or a Terraform resource. Fields that are
 * absent or Unknown stay so: matching is three-valued.
 */
public record SecurityRule(
    String name,
    Value direction,
    Value access,
    Value priority,
    Value protocol,
    List<Value> sources,
    List<Value> destinations,
    List<Value> destinationPorts,
    ResourceGraph.Child child) {

  public static SecurityRule of(ResourceGraph.Child c) {
    Value.Obj props = c.body().get("properties").filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast)
        .orElse(new Value.Obj(java.util.Map.of(), c.body().meta()));
    return new SecurityRule(
        c.name(),
        field(props, "direction"),
        field(props, "access"),
        field(props, "priority"),
        field(props, "protocol"),
        oneOrMany(props, "sourceAddressPrefix", "sourceAddressPrefixes"),
        oneOrMany(props, "destinationAddressPrefix", "destinationAddressPrefixes"),
        oneOrMany(props, "destinationPortRange", "destinationPortRanges"),
        c);
  }

  private static Value field(Value.Obj props, String key) {
    return props.get(key).orElse(null);
  }

  /** The singular and plural forms together; one Unknown list makes the whole list Unknown. */
  private static List<Value> oneOrMany(Value.Obj props, String single, String plural) {
    List<Value> out = new ArrayList<>();
    Optional<Value> one = props.get(single);
    if (one.isPresent() && !(one.get() instanceof Value.Null)) {
      if (!(one.get() instanceof Value.Str s && s.value().isEmpty())) out.add(ServiceTags.asTag(one.get()));
    }
    Optional<Value> many = props.get(plural);
    if (many.isPresent()) {
      if (many.get() instanceof Value.Arr a) for (Value v : a.items()) out.add(ServiceTags.asTag(v));
      else if (many.get().isUnknown()) out.add(many.get());
    }
    return out;
  }

  public Location location() {
    return child.location();
  }

  /** The priority when it is a known number. */
  public Optional<Integer> knownPriority() {
    if (priority instanceof Value.Num n) return Optional.of(n.value().intValue());
    if (priority instanceof Value.Str s) {
      try {
        return Optional.of(Integer.parseInt(s.value().trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  public Tri isOutbound() {
    return is(direction, "Outbound");
  }

  public Tri isInbound() {
    return is(direction, "Inbound");
  }

  /**
   * Whether this rule applies to the probe's traffic from or to ML compute in a subnet with
   * {@code subnetPrefixes}: TRUE (must match), UNKNOWN (may match) or FALSE.
   */
  public Tri matches(Probe p, List<Cidr> subnetPrefixes) {
    Tri direction = p.outbound() ? isOutbound() : isInbound();
    Tri port = p.port() < 0 ? anyPort() : coversPort(p.port());
    Tri near = covers(p.outbound() ? sources : destinations, subnetPrefixes);
    Tri far = names(p.outbound() ? destinations : sources, p);
    return and(direction, coversTcp(), port, near, far);
  }

  /** The far-end value that names the probe's far end (for messages), if one does. */
  public Optional<Value> farEnd(Probe p) {
    for (Value v : p.outbound() ? destinations : sources) {
      if (v instanceof Value.Str s && p.names(ServiceTags.normalize(s.value())) != Tri.FALSE) return Optional.of(v);
    }
    for (Value v : p.outbound() ? destinations : sources) if (v.isUnknown()) return Optional.of(v);
    return Optional.empty();
  }

  private static Tri names(List<Value> values, Probe p) {
    boolean maybe = false;
    for (Value v : values) {
      if (v.isUnknown()) {
        maybe = true;
      } else if (v instanceof Value.Str s) {
        Tri t = p.names(ServiceTags.normalize(s.value()));
        if (t == Tri.TRUE) return Tri.TRUE;
        if (t == Tri.UNKNOWN) maybe = true;
      }
    }
    return maybe ? Tri.UNKNOWN : Tri.FALSE;
  }

  /**
   * Whether the prefixes include ML compute's addresses: {@code *}, {@code VirtualNetwork},
   * {@code 0.0.0.0/0} and CIDRs containing the subnet do; other CIDRs and tags do not;
   * application security groups never do (Batch-managed NICs are not in customer ASGs).
   */
  private static Tri covers(List<Value> values, List<Cidr> subnetPrefixes) {
    boolean maybe = false;
    for (Value v : values) {
      if (v.isUnknown()) {
        maybe = true;
        continue;
      }
      if (!(v instanceof Value.Str s)) continue;
      String t = ServiceTags.normalize(s.value());
      if (t.equals("*") || t.equals("virtualnetwork") || t.equals("any")) return Tri.TRUE;
      Optional<Cidr> c = Cidr.parse(t);
      if (c.isPresent()) {
        if (subnetPrefixes.isEmpty()) {
          if (c.get().bits() == 0) return Tri.TRUE;
          maybe = true;
        } else if (subnetPrefixes.stream().allMatch(c.get()::contains)) {
          return Tri.TRUE;
        }
      }
    }
    return maybe ? Tri.UNKNOWN : Tri.FALSE;
  }

  /** Any destination port at all (for probes that ask about every port). */
  private Tri anyPort() {
    if (destinationPorts.isEmpty()) return Tri.FALSE;
    return destinationPorts.stream().allMatch(Value::isUnknown) ? Tri.UNKNOWN : Tri.TRUE;
  }

  private static Tri and(Tri... ts) {
    boolean unknown = false;
    for (Tri t : ts) {
      if (t == Tri.FALSE) return Tri.FALSE;
      if (t == Tri.UNKNOWN) unknown = true;
    }
    return unknown ? Tri.UNKNOWN : Tri.TRUE;
  }

  public Tri isAllow() {
    return is(access, "Allow");
  }

  public Tri isDeny() {
    return is(access, "Deny");
  }

  /** Whether the protocol covers TCP ({@code *} or {@code Tcp}). */
  public Tri coversTcp() {
    if (protocol == null) return Tri.FALSE;
    if (!(protocol instanceof Value.Str s)) return protocol.isUnknown() ? Tri.UNKNOWN : Tri.FALSE;
    String p = s.value().trim();
    return Tri.of(p.equals("*") || p.equalsIgnoreCase("Tcp"));
  }

  /** Whether the destination ports include {@code port} ({@code *}, {@code a-b}, lists). */
  public Tri coversPort(int port) {
    return Ports.cover(destinationPorts, port);
  }

  /**
   * Whether the source certainly or possibly includes ML compute: {@code *}, {@code
   * VirtualNetwork} and {@code 0.0.0.0/0} do; a CIDR may (its subnet is not compared here);
   * application security groups never do (Batch-managed NICs are not in customer ASGs).
   */
  public Tri sourceCoversCompute() {
    if (sources.isEmpty()) return Tri.FALSE;
    boolean maybe = false;
    for (Value v : sources) {
      if (v.isUnknown()) {
        maybe = true;
        continue;
      }
      if (!(v instanceof Value.Str s)) continue;
      String t = ServiceTags.normalize(s.value());
      if (t.equals("*") || t.equals("virtualnetwork") || t.equals("0.0.0.0/0") || t.equals("any")) return Tri.TRUE;
      if (Character.isDigit(t.isEmpty() ? 'x' : t.charAt(0))) maybe = true;
    }
    return maybe ? Tri.UNKNOWN : Tri.FALSE;
  }

  /** The first destination value that is one of the given (normalised) tokens. */
  public Optional<Value> destinationIn(List<String> tokens) {
    for (Value v : destinations) {
      if (v instanceof Value.Str s && tokens.contains(ServiceTags.normalize(s.value()))) return Optional.of(v);
    }
    return Optional.empty();
  }

  public boolean destinationHasUnknown() {
    return destinations.stream().anyMatch(Value::isUnknown);
  }

  private static Tri is(Value v, String expected) {
    if (v == null) return Tri.FALSE;
    if (v.isUnknown()) return Tri.UNKNOWN;
    return Tri.of(v instanceof Value.Str s && s.value().trim().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT)));
  }
}
