package dev.exfilguard.model;

import java.util.Optional;

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
 */
public record Resource(
    String type,
    String name,
    String address,
    Value.Obj body,
    Location location,
    SourceFormat format,
    boolean existing) {

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
