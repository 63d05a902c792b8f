package dev.exfilguard.report;

import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Origin;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exfilguard show}: the deployment as exfilguard evaluated it, for a person to check
 * against what they meant to deploy. Each resource with its type, name, address, declaration,
 * deployment state and evaluated properties, each value with where it came from; then the links
 * the graph made between resources, and those it could not decide.
 *
 * <p>The JSON document (version 1) is a contract: {@code resources} (type, name, address,
 * location, deployment, existing, flags, properties, origins) and {@code edges} (from, path, to,
 * decided, symbols). In {@code properties} a value known only at deployment is
 * {@code {"unknown": reason}}, or {@code {"symbol": "{prefix}-vnet"}} when it is built from
 * symbols; {@code origins} lists, by path, every value that is not written literally.
 */
public final class DeploymentReporter {
  private final boolean json;

  public DeploymentReporter(boolean json) {
    this.json = json;
  }

  public void write(List<Scanner.Deployment> deployments, Writer out) throws IOException {
    if (json) {
      JsonOutput.write(document(deployments), out);
    } else {
      text(deployments, out);
      out.flush();
    }
  }

  private static Map<String, Object> document(List<Scanner.Deployment> deployments) {
    List<Object> resources = new ArrayList<>();
    List<Object> edges = new ArrayList<>();
    for (Scanner.Deployment d : deployments) {
      for (Resource r : d.graph().resources()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type());
        m.put("name", r.name());
        m.put("address", r.address());
        m.put("location", location(r.location()));
        m.put("deployment", d.input());
        m.put("existing", r.existing());
        m.put("flags", r.flags().stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
        m.put("properties", json(r.body()));
        List<Object> origins = new ArrayList<>();
        for (Leaf l : leaves(r.body())) {
          if (l.origin().equals("literal")) continue;
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("path", l.path());
          o.put("origin", l.origin());
          if (l.why() != null) o.put("via", l.why());
          origins.add(o);
        }
        m.put("origins", origins);
        resources.add(m);
      }
      for (ResourceGraph.Reference ref : d.graph().references()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("from", ref.from().address());
        e.put("fromName", ref.from().type() + "/" + ref.from().name());
        e.put("path", ref.path());
        e.put("to", ref.to().address());
        e.put("toName", ref.to().type() + "/" + ref.to().name());
        e.put("decided", ref.decided());
        if (!ref.decided()) e.put("symbols", ref.symbols().stream().map(Term.Symbol::label).toList());
        edges.add(e);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("resources", resources);
    doc.put("edges", edges);
    return doc;
  }

  private static Map<String, Object> location(Location l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", l.file());
    m.put("line", l.line());
    m.put("column", l.column());
    return m;
  }

  private static Object json(Value v) {
    if (v instanceof Value.Str s) return s.value();
    if (v instanceof Value.Num n) return n.value().stripTrailingZeros().scale() <= 0 ? n.value().toBigInteger() : n.value();
    if (v instanceof Value.Bool b) return b.value();
    if (v instanceof Value.Null) return null;
    if (v instanceof Value.Arr a) {
      List<Object> out = new ArrayList<>();
      for (Value i : a.items()) out.add(json(i));
      return out;
    }
    if (v instanceof Value.Obj o) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) out.put(e.getKey(), json(e.getValue()));
      return out;
    }
    Value.Unknown u = (Value.Unknown) v;
    return u.term() != null ? Map.of("symbol", u.term().render()) : Map.of("unknown", u.reason());
  }

  /** A scalar value at a path, how it reads and where it came from. */
  private record Leaf(String path, String text, String origin, String why) {}

  private static List<Leaf> leaves(Value.Obj body) {
    List<Leaf> out = new ArrayList<>();
    for (Map.Entry<String, Value> e : body.fields().entrySet()) {
      if (e.getKey().equalsIgnoreCase("type") || e.getKey().equalsIgnoreCase("name") || e.getKey().equalsIgnoreCase("apiVersion")) continue;
      leaves(e.getKey(), e.getValue(), out);
    }
    return out;
  }

  private static void leaves(String path, Value v, List<Leaf> out) {
    if (v instanceof Value.Obj o && !o.fields().isEmpty()) {
      for (Map.Entry<String, Value> e : o.fields().entrySet()) leaves(path + "." + e.getKey(), e.getValue(), out);
      return;
    }
    if (v instanceof Value.Arr a && !a.items().isEmpty() && a.items().stream().anyMatch(i -> i instanceof Value.Obj || i instanceof Value.Arr)) {
      for (int i = 0; i < a.items().size(); i++) leaves(path + "[" + i + "]", a.items().get(i), out);
      return;
    }
    String origin;
    String why = v.meta().via();
    if (v instanceof Value.Unknown u) {
      origin = u.term() != null ? "symbol" : "unknown";
      // a symbol reads as itself; an Unknown says why it is
      if (why == null && u.term() == null) why = u.reason();
    } else if (v.meta().origin() == Origin.DEFAULT) {
      origin = "default";
    } else {
      origin = why != null ? "parameter" : "literal";
    }
    out.add(new Leaf(path, render(v), origin, why));
  }

  private static String render(Value v) {
    if (v instanceof Value.Str s) return TerminalSafe.clean(s.value(), false);
    if (v instanceof Value.Num n) return n.value().stripTrailingZeros().toPlainString();
    if (v instanceof Value.Arr a) {
      List<String> items = new ArrayList<>();
      for (Value i : a.items()) items.add(render(i));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Value.Obj o && o.fields().isEmpty()) return "{}";
    return TerminalSafe.clean(Value.render(v), false);
  }

  private static void text(List<Scanner.Deployment> deployments, Writer out) throws IOException {
    boolean first = true;
    for (Scanner.Deployment d : deployments) {
      if (!first) out.write("\n");
      first = false;
      out.write("== " + TerminalSafe.clean(d.input(), false) + " (" + d.graph().resources().size() + " resource"
          + (d.graph().resources().size() == 1 ? "" : "s") + ")\n");
      for (Resource r : d.graph().resources()) {
        out.write("\n" + r.type() + "  " + TerminalSafe.clean(r.name(), false) + "\n");
        out.write("  address   " + TerminalSafe.clean(r.address(), false) + "\n");
        out.write("  declared  " + TerminalSafe.clean(r.location().shortForm(), false) + "\n");
        List<String> state = new ArrayList<>();
        if (r.existing()) state.add("existing (deployed elsewhere)");
        if (r.flags().contains(Resource.Flag.CONDITIONAL)) state.add("conditional (its condition is known only at deployment)");
        if (r.flags().contains(Resource.Flag.REPRESENTATIVE)) state.add("representative (one instance stands for a loop of unknown size)");
        if (!state.isEmpty()) out.write("  state     " + String.join("; ", state) + "\n");
        for (Leaf l : leaves(r.body())) {
          out.write("  " + l.path() + " = " + l.text() + (l.origin().equals("literal") ? "" : "  (" + l.origin()
              + (l.why() != null ? ": " + TerminalSafe.clean(l.why(), false) : "") + ")") + "\n");
        }
      }
      List<ResourceGraph.Reference> refs = d.graph().references();
      if (!refs.isEmpty()) {
        out.write("\nlinks\n");
        for (ResourceGraph.Reference ref : refs) {
          out.write("  " + describe(ref.from()) + " " + ref.path() + (ref.decided() ? " -> " : " -?-> ") + describe(ref.to())
              + (ref.decided() ? "" : "  (undecided: depends on " + String.join(", ", ref.symbols().stream().map(Term.Symbol::label).toList()) + ")")
              + "\n");
        }
      }
    }
  }

  private static String describe(Resource r) {
    String type = r.type().substring(r.type().lastIndexOf('/') + 1);
    return type + " " + TerminalSafe.clean(r.name(), false);
  }
}
