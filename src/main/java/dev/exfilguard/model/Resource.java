package dev.exfilguard.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
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
 * @param nameTerm the name as a term: the text of a known name, or how an unknown one is built
 *     from symbols ({@code {prefix}-vnet/snet-training}); {@code name} is its rendering
 */
public record Resource(
    String type,
    String name,
    String address,
    Value.Obj body,
    Location location,
    SourceFormat format,
    boolean existing,
    Set<Flag> flags,
    Term nameTerm) {

  /** What is not certain about a resource's deployment. */
  public enum Flag {
    /** Its condition ({@code condition}, a conditional {@code count}) is Unknown: it may not be deployed. */
    CONDITIONAL,
    /** It stands for all instances of a copy loop, {@code count} or {@code for_each} whose size is Unknown. */
    REPRESENTATIVE
  }

  public Resource {
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    if (nameTerm == null) nameTerm = Term.text(name);
  }

  public Resource(String type, String name, String address, Value.Obj body, Location location, SourceFormat format, boolean existing,
      Set<Flag> flags) {
    this(type, name, address, body, location, format, existing, flags, null);
  }

  /** A resource whose name is a term (known, or built from symbols). */
  public static Resource named(String type, Term name, String address, Value.Obj body, Location location, SourceFormat format,
      boolean existing, Set<Flag> flags) {
    return new Resource(type, name.render(), address, body, location, format, existing, flags, name);
  }

  /** A resource deployed unconditionally, once. */
  public Resource(String type, String name, String address, Value.Obj body, Location location, SourceFormat format, boolean existing) {
    this(type, name, address, body, location, format, existing, Set.of());
  }

  /** The same resource with another body (after merging children, applying defaults). */
  public Resource withBody(Value.Obj newBody) {
    return new Resource(type, name, address, newBody, location, format, existing, flags, nameTerm);
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
    List<Term> segs = nameTerm.split('/');
    return segs.get(segs.size() - 1).render();
  }

  /** The name's segments ({@code vnet}, {@code snet}), each a term. */
  public List<Term> nameSegments() {
    return nameTerm.split('/');
  }
}
