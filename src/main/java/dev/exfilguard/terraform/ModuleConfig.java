package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one module: the blocks of all its files together, as Terraform merges a
 * directory's {@code .tf} and {@code .tf.json} files. The first declaration of a name wins (a
 * duplicate is Terraform's error, not a risk).
 *
 * @param dir the directory, or null when the files were given as text only
 */
record ModuleConfig(
    Path dir,
    String display,
    Map<String, Block> variables,
    Map<String, Attribute> locals,
    Map<String, Block> outputs,
    Map<String, Block> moduleCalls,
    Map<String, Block> resources,
    Map<String, Block> data) {

  static ModuleConfig of(Path dir, String display, List<Body> bodies) {
    ModuleConfig c = new ModuleConfig(dir, display, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
        new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    for (Body body : bodies) {
      for (Block b : body.blocks()) {
        List<String> l = b.labels();
        switch (b.type()) {
          case "variable" -> {
            if (l.size() == 1) c.variables.putIfAbsent(l.get(0), b);
          }
          case "locals" -> b.body().attributes().forEach(a -> c.locals.putIfAbsent(a.name(), a));
          case "output" -> {
            if (l.size() == 1) c.outputs.putIfAbsent(l.get(0), b);
          }
          case "module" -> {
            if (l.size() == 1) c.moduleCalls.putIfAbsent(l.get(0), b);
          }
          case "resource" -> {
            if (l.size() == 2) c.resources.putIfAbsent(l.get(0) + "." + l.get(1), b);
          }
          case "data" -> {
            if (l.size() == 2) c.data.putIfAbsent(l.get(0) + "." + l.get(1), b);
          }
          default -> {
            // provider, terraform, moved, import, check: nothing that is deployed
          }
        }
      }
    }
    return c;
  }
}
