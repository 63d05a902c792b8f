package dev.exfilguard.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One Azure resource as the scanned source would deploy it, in ARM's vocabulary.
 *
 * @param type ARM resource type, full form ({@code Microsoft.Network/networkSecurityGroups/securityRules})
 * @param name ARM name, full form ({@code nsg-ml/deny-internet}); may be a rendering of an
 *     Unknown name such as {@code (unknown)}
 * @param address how a reviewer finds it: the Terraform address ({@code azurerm_subnet.a}) or
 *     the ARM {@code type/name}
 * @param body the resource object: {@code properties}, {@code location}, {@code kind}, ...
 * @param location the declaration: ARM resource's opening brace or the {@code resource} block line
 * @param format which reader produced it
 * @param existing a reference to a resource deployed elsewhere ({@code existing}, {@code data});
 *     a graph node, not deployed by this source
 * @param flags how certain its deployment is (see {@link Flag})
 */
public record Resource(
    String type,
    String name,
    String address,
    Value.Obj body,
    Location location,
    SourceFormat format,
    boolean existing,
    Set<Flag> flags) {

  /** What is not certain about a resource's deployment. */
  public enum Flag {
    /** Its condition ({@code condition}, a conditional {@code count}) is Unknown: it may not be deployed. */
    CONDITIONAL,
    /** It stands for all instances of a copy loop, {@code count} or {@code for_each} whose size is Unknown. */
    REPRESENTATIVE
  }

  public Resource {
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }

  /** A resource deployed unconditionally, once. */
  public Resource(String type, String name, String address, Value.Obj body, Location location, SourceFormat format, boolean existing) {
    this(type, name, address, body, location, format, existing, Set.of());
  }

  /** The same resource with another body (after merging children, applying defaults). */
  public Resource withBody(Value.Obj newBody) {
    return new Resource(type, name, address, newBody, location, format, existing, flags);
  }

  /** The value at a dotted ARM path below the resource object, if present. */
  public Optional<Value> at(String path) {
    return Paths.get(body, path);
  }

  public boolean isType(String armType) {
    return type.equalsIgnoreCase(armType);
  }

  /** The last segment of the name ({@code deny-internet} for {@code nsg-ml/deny-internet}). */
  public String shortName() {
    int i = name.lastIndexOf('/');
    return i < 0 ? name : name.substring(i + 1);
  }
}
