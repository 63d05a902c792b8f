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

  /**
   * {@code root} with {@code value} at the dotted {@code path} if nothing is there yet; missing
   * intermediate objects are created with the value's metadata. Unknown or non-object
   * intermediates leave {@code root} unchanged: we never guess what an Unknown holds.
   */
  public static Value.Obj withDefault(Value.Obj root, String path, Value value) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    java.util.Optional<Value> existing = root.get(head);
    java.util.Map<String, Value> fields = new java.util.LinkedHashMap<>(root.fields());
    String key = fields.keySet().stream().filter(k -> k.equalsIgnoreCase(head)).findFirst().orElse(head);
    if (dot < 0) {
      if (existing.isPresent() && !(existing.get() instanceof Value.Null)) return root;
      fields.put(key, value);
      return new Value.Obj(fields, root.meta());
    }
    Value.Obj child;
    if (existing.isEmpty() || existing.get() instanceof Value.Null) {
      child = new Value.Obj(java.util.Map.of(), value.meta());
    } else if (existing.get() instanceof Value.Obj o) {
      child = o;
    } else {
      return root;
    }
    fields.put(key, withDefault(child, path.substring(dot + 1), value));
    return new Value.Obj(fields, root.meta());
  }
}
