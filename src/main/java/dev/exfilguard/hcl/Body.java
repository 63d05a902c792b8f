package dev.exfilguard.hcl;

import java.util.List;
import java.util.Optional;

/**
 * The contents of a file or of a block. Attributes and blocks are kept in two lists, each in
 * source order; the parser guarantees attribute names are unique within one body.
 */
public record Body(List<Attribute> attributes, List<Block> blocks, Range range) {

  public Body {
    attributes = List.copyOf(attributes);
    blocks = List.copyOf(blocks);
  }

  public Optional<Attribute> attribute(String name) {
    for (Attribute a : attributes) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The blocks of the given type, in source order. */
  public List<Block> blocks(String type) {
    return blocks.stream().filter(b -> b.type().equals(type)).toList();
  }
}
