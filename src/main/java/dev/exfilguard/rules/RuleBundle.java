package dev.exfilguard.rules;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in rule files, read at build time into the trees {@link TreeReader} makes of them
 * and written in a compact binary form ({@code rules/catalogue.bin} in the jar). The YAML files
 * stay the source of truth: the build regenerates the bundle from them on every build, after
 * checking each file as strictly as {@link RuleLoader} does, and a test checks that the bundle
 * in the build decodes to exactly the trees of the YAML files. At run time the loader skips the
 * YAML parser, which was the largest part of a scan's start-up (about 100 ms of a hook's run).
 *
 * <p>Format: the magic {@code EXFGRB1}, the number of files, then per file its display path
 * ({@code rules/x.yaml}) and its tree: a tag byte per node ({@code O} mapping, {@code A} list,
 * {@code S} string, {@code N} number, {@code T}/{@code F} booleans, {@code Z} null), its line and
 * column, and its content.
 */
public final class RuleBundle {
  /** Where the build writes the bundle, on the class path. */
  public static final String RESOURCE = "rules/catalogue.bin";

  private static final String MAGIC = "EXFGRB1";

  private RuleBundle() {}

  /** One rule file: its display path and its tree. */
  public record Entry(String file, Value tree) {}

  /**
   * {@code RuleBundle RULES_DIR OUTPUT}: the build step. Fails (exit 1, {@code file:line:col:
   * error}) on a rule file the loader would reject.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) throw new IllegalArgumentException("usage: RuleBundle RULES_DIR OUTPUT");
    List<Entry> entries;
    try {
      entries = fromYaml(Path.of(args[0]));
    } catch (RuleException e) {
      System.err.println(e.location() + ": error: " + e.getMessage());
      System.exit(1);
      return;
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      write(entries, o);
    }
  }

  /** Every {@code *.yaml} of a directory, by name, read and checked as the loader checks it. */
  public static List<Entry> fromYaml(Path dir) throws IOException, RuleException {
    List<Entry> out = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        String file = "rules/" + p.getFileName();
        Value tree;
        try {
          tree = TreeReader.readYaml(file, Files.readString(p, StandardCharsets.UTF_8));
        } catch (SourceSyntaxException e) {
          throw new RuleException(e.location(), e.getMessage());
        }
        rules.add(RuleLoader.parse(file, tree));
        out.add(new Entry(file, tree));
      }
    }
    rules.sort(java.util.Comparator.comparing(r -> r.meta().id()));
    RuleLoader.checkUnique(rules);
    return out;
  }

  public static void write(List<Entry> entries, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeUTF(MAGIC);
    d.writeInt(entries.size());
    for (Entry e : entries) {
      string(d, e.file());
      node(d, e.tree());
    }
    d.flush();
  }

  public static List<Entry> read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (!d.readUTF().equals(MAGIC)) throw new IOException("not a rule bundle");
    int n = d.readInt();
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String file = string(d);
      out.add(new Entry(file, node(d, file)));
    }
    return out;
  }

  private static void node(DataOutputStream d, Value v) throws IOException {
    char tag;
    if (v instanceof Value.Obj) tag = 'O';
    else if (v instanceof Value.Arr) tag = 'A';
    else if (v instanceof Value.Str) tag = 'S';
    else if (v instanceof Value.Num) tag = 'N';
    else if (v instanceof Value.Bool b) tag = b.value() ? 'T' : 'F';
    else if (v instanceof Value.Null) tag = 'Z';
    else throw new IOException("a rule file holds no " + v.getClass().getSimpleName());
    d.writeByte(tag);
    d.writeInt(v.location().line());
    d.writeInt(v.location().column());
    if (v instanceof Value.Obj o) {
      d.writeInt(o.fields().size());
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        string(d, e.getKey());
        node(d, e.getValue());
      }
    } else if (v instanceof Value.Arr a) {
      d.writeInt(a.items().size());
      for (Value item : a.items()) node(d, item);
    } else if (v instanceof Value.Str s) {
      string(d, s.value());
    } else if (v instanceof Value.Num num) {
      // the decimal's own text keeps its scale, so the decoded number is equal, not just close
      string(d, num.value().toString());
    }
  }

  private static Value node(DataInputStream d, String file) throws IOException {
    char tag = (char) d.readByte();
    Meta meta = Meta.explicit(new Location(file, d.readInt(), d.readInt()));
    switch (tag) {
      case 'O': {
        int n = d.readInt();
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String key = string(d);
          fields.put(key, node(d, file));
        }
        return new Value.Obj(fields, meta);
      }
      case 'A': {
        int n = d.readInt();
        List<Value> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(node(d, file));
        return new Value.Arr(items, meta);
      }
      case 'S':
        return new Value.Str(string(d), meta);
      case 'N':
        return new Value.Num(new BigDecimal(string(d)), meta);
      case 'T':
        return new Value.Bool(true, meta);
      case 'F':
        return new Value.Bool(false, meta);
      case 'Z':
        return new Value.Null(meta);
      default:
        throw new IOException("bad rule bundle: node tag " + (int) tag);
    }
  }

  private static void string(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private static String string(DataInputStream d) throws IOException {
    byte[] b = new byte[d.readInt()];
    d.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
