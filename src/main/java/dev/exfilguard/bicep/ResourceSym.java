package dev.exfilguard.bicep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code resource} declaration as a symbol: its full type (children of a nested or
 * {@code parent:} declaration get their parent's type before theirs), API version, loop,
 * condition and body. The expressions that refer to it ({@code .id}, {@code .name},
 * {@code .properties}) are built by {@link Lowering} from these.
 *
 * @param symbol the key in the template's {@code resources} object: {@code vnet}, or
 *     {@code vnet::subnet} for a nested declaration
 */
final class ResourceSym implements Symbol {
  final Lowering owner;
  final String symbol;
  final Syntax.ResourceDecl decl;
  final String type;
  final String api;
  final Syntax.ForExpr loop;
  final Syntax.Expr condition;
  final Syntax.ObjectExpr body;
  /** The enclosing declaration of a nested resource; {@code parent:} is resolved from the body. */
  final ResourceSym nestedParent;
  final Map<String, ResourceSym> children = new LinkedHashMap<>();

  ResourceSym(Lowering owner, String symbol, Syntax.ResourceDecl decl, String type, String api, Syntax.ForExpr loop,
      Syntax.Expr condition, Syntax.ObjectExpr body, ResourceSym nestedParent) {
    this.owner = owner;
    this.symbol = symbol;
    this.decl = decl;
    this.type = type;
    this.api = api;
    this.loop = loop;
    this.condition = condition;
    this.body = body;
    this.nestedParent = nestedParent;
  }

  boolean existing() {
    return decl.existing();
  }

  /** The value of a top-level body property ({@code name}, {@code parent}, {@code scope}), or null. */
  Syntax.Expr property(String name) {
    return body == null ? null : Lowering.property(body, name);
  }
}
