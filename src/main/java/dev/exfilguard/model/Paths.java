package dev.exfilguard.model;

import java.util.Optional;

/**
 * Dotted ARM paths ({@code properties.subnet.id}, {@code properties.securityRules[0].name}).
 * Segments match object keys case-insensitively; {@code [n]} indexes arrays.
 */
public final class Paths {
  private Paths() {}

  public static Optional<Value> get(Value root, String path) {
    if (path == null || path.isEmpty()) return Optional.of(root);
    Value cur = root;
    for (String seg : path.split("\\.")) {
      String key = seg;
      int bracket = seg.indexOf('[');
      String rest = "";
      if (bracket >= 0) {
        key = seg.substring(0, bracket);
        rest = seg.substring(bracket);
      }
      if (!key.isEmpty()) {
        if (cur instanceof Value.Unknown) return Optional.of(cur);
        if (!(cur instanceof Value.Obj o)) return Optional.empty();
        Optional<Value> next = o.get(key);
        if (next.isEmpty()) return Optional.empty();
        cur = next.get();
      }
      while (!rest.isEmpty()) {
        int close = rest.indexOf(']');
        int idx = Integer.parseInt(rest.substring(1, close));
        rest = rest.substring(close + 1);
        if (cur instanceof Value.Unknown) return Optional.of(cur);
        if (!(cur instanceof Value.Arr a) || idx >= a.items().size()) return Optional.empty();
        cur = a.items().get(idx);
      }
    }
    return Optional.of(cur);
  }
}
