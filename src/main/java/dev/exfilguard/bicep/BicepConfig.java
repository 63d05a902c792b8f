package dev.exfilguard.bicep;

import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The module aliases of the {@code bicepconfig.json} nearest a Bicep file (its folder, then each
 * parent, as the compiler looks), over the built-in {@code public} alias. Only aliases are read:
 * a {@code cacheRootDirectory} set there is not followed, since the scanned tree must not decide
 * what outside it is read.
 */
record BicepConfig(Map<String, BrAlias> br, Map<String, TsAlias> ts) {

  /** A registry alias: {@code br/<alias>:<path>:<tag>} is {@code br:<registry>/<modulePath>/<path>:<tag>}. */
  record BrAlias(String registry, String modulePath) {}

  /** A template spec alias: {@code ts/<alias>:<name>:<version>}. */
  record TsAlias(String subscription, String resourceGroup) {}

  /** Bicep's own default: {@code br/public} is the public module registry at mcr.microsoft.com/bicep. */
  static final BicepConfig BUILT_IN = new BicepConfig(Map.of("public", new BrAlias("mcr.microsoft.com", "bicep")), Map.of());

  static BicepConfig nearest(Path bicepFile, Reading reading) {
    Path dir = bicepFile.toAbsolutePath().normalize().getParent();
    while (dir != null) {
      Optional<BicepConfig> c = reading.configs.get(dir);
      if (c == null) {
        c = Optional.empty();
        Path f = dir.resolve("bicepconfig.json");
        if (reading.sources.isFile(f)) c = Optional.of(read(f, reading));
        reading.configs.put(dir, c);
      }
      if (c.isPresent()) return c.get();
      dir = dir.getParent();
    }
    return BUILT_IN;
  }

  private static BicepConfig read(Path file, Reading reading) {
    Optional<String> text = reading.sources.read(file, reading.diagnostics);
    if (text.isEmpty()) return BUILT_IN;
    Value root;
    try {
      root = TreeReader.readJson(reading.display(file), text.get());
    } catch (SourceSyntaxException e) {
      reading.error(e.location(), e.getMessage());
      return BUILT_IN;
    }
    Map<String, BrAlias> br = new HashMap<>(BUILT_IN.br());
    Map<String, TsAlias> ts = new HashMap<>();
    Value.Obj aliases = obj(obj(root).get("moduleAliases").orElse(null));
    for (Map.Entry<String, Value> e : obj(aliases.get("br").orElse(null)).fields().entrySet()) {
      Value.Obj a = obj(e.getValue());
      String registry = str(a, "registry");
      if (registry != null) br.put(e.getKey(), new BrAlias(registry, str(a, "modulePath")));
    }
    for (Map.Entry<String, Value> e : obj(aliases.get("ts").orElse(null)).fields().entrySet()) {
      Value.Obj a = obj(e.getValue());
      String sub = str(a, "subscription");
      String rg = str(a, "resourceGroup");
      if (sub != null && rg != null) ts.put(e.getKey(), new TsAlias(sub, rg));
    }
    return new BicepConfig(Map.copyOf(br), Map.copyOf(ts));
  }

  private static Value.Obj obj(Value v) {
    return v instanceof Value.Obj o ? o : new Value.Obj(Map.of(), dev.exfilguard.model.Meta.explicit(new dev.exfilguard.model.Location("", 0, 0)));
  }

  private static String str(Value.Obj o, String key) {
    return o.get(key).filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value()).orElse(null);
  }
}
