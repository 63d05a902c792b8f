package dev.exfilguard.bicep;

import dev.exfilguard.bicep.Syntax.*;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code loadTextContent}, {@code loadJsonContent}, {@code loadYamlContent} and
 * {@code loadFileAsBase64}: the compiler reads the file when it builds, so the value is a
 * constant of the template. The path is relative to the Bicep file and is read through the
 * engine's {@code SourceFiles}, only inside the scanned tree (as Terraform's {@code file()}).
 * Values read from JSON or YAML keep that file's positions.
 */
final class LoadFunctions {
  private LoadFunctions() {}

  static Lowered load(Lowering lw, String name, List<Expr> args, Expr site) {
    if (args.isEmpty() || !(args.get(0) instanceof StrLit path)) {
      lw.reading.error(lw.at(site.span()), name + "() needs a literal file path");
      return lw.ex.unknown(name + "() needs a literal file path", site.span());
    }
    Path target = lw.file.toAbsolutePath().normalize().resolveSibling(path.value()).normalize();
    String shown = lw.reading.display(target);
    if (!lw.reading.sources.inScannedTree(target)) {
      lw.reading.note("load:" + shown, lw.at(site.span()), name + "('" + path.value() + "'): " + shown
          + " is outside the scanned tree and is not read; values that use it are unknown");
      return lw.ex.unknown(shown + " is outside the scanned tree and is not read", site.span());
    }
    if (name.equals("loadDirectoryFileInfo")) return lw.ex.unknown("loadDirectoryFileInfo() is not evaluated", site.span());
    if (!lw.reading.sources.exists(target)) {
      lw.reading.note("load:" + shown, lw.at(site.span()), name + "('" + path.value() + "'): " + shown
          + " does not exist; values that use it are unknown");
      return lw.ex.unknown(shown + " does not exist", site.span());
    }
    Optional<String> text = lw.reading.text(target);
    if (text.isEmpty()) return lw.ex.unknown(shown + " cannot be read", site.span());
    Location at = lw.at(site.span());
    switch (name) {
      case "loadTextContent":
        return new Lowered.Lit(new Value.Str(text.get(), Meta.explicit(at)));
      case "loadFileAsBase64":
        // a text file's bytes are its UTF-8 encoding; SourceFiles does not hand out binary files
        return new Lowered.Lit(new Value.Str(Base64.getEncoder().encodeToString(text.get().getBytes(StandardCharsets.UTF_8)), Meta.explicit(at)));
      default:
        break;
    }
    Value v;
    try {
      v = name.equals("loadYamlContent") ? TreeReader.readYaml(shown, text.get()) : TreeReader.readJson(shown, text.get());
    } catch (SourceSyntaxException e) {
      lw.reading.error(e.location(), e.getMessage());
      return lw.ex.unknown(shown + " does not parse", site.span());
    }
    if (args.size() > 1) {
      if (!(args.get(1) instanceof StrLit jsonPath)) return lw.ex.unknown(name + "()'s path into the document must be literal", site.span());
      Optional<Value> sel = select(v, jsonPath.value());
      if (sel.isEmpty()) return lw.ex.unknown("'" + jsonPath.value() + "' selects nothing this reader can find in " + shown, site.span());
      v = sel.get();
    }
    return new Lowered.Constant(v);
  }

  /** The value at a JSONPath of names and indexes ({@code $.a.b[0]}, {@code $['a']}); empty for anything else. */
  static Optional<Value> select(Value root, String path) {
    String p = path.trim();
    if (p.startsWith("$")) p = p.substring(1);
    Value cur = root;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') j++;
        String key = p.substring(i + 1, j);
        if (!(cur instanceof Value.Obj o) || o.get(key).isEmpty()) return Optional.empty();
        cur = o.get(key).get();
        i = j;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) return Optional.empty();
        String inner = p.substring(i + 1, close).trim();
        if (inner.startsWith("'") && inner.endsWith("'") && inner.length() >= 2) {
          String key = inner.substring(1, inner.length() - 1);
          if (!(cur instanceof Value.Obj o) || o.get(key).isEmpty()) return Optional.empty();
          cur = o.get(key).get();
        } else {
          int n;
          try {
            n = Integer.parseInt(inner);
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          if (!(cur instanceof Value.Arr a) || n < 0 || n >= a.items().size()) return Optional.empty();
          cur = a.items().get(n);
        }
        i = close + 1;
      } else if (i == 0) {
        // a path without '$.': the first name
        p = "." + p;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(cur);
  }
}
