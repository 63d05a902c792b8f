package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Block;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.Expression;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.hcl.LiteralValue;
import dev.exfilguard.hcl.ObjectCons;
import dev.exfilguard.hcl.ObjectKey;
import dev.exfilguard.hcl.Pos;
import dev.exfilguard.hcl.Range;
import dev.exfilguard.hcl.TemplateExpr;
import dev.exfilguard.hcl.TemplatePart;
import dev.exfilguard.hcl.TupleCons;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Terraform's JSON configuration syntax ({@code .tf.json}) turned into the same AST as native
 * syntax: {@code resource}, {@code data}, {@code variable}, {@code locals}, {@code output} and
 * {@code module} become blocks; every JSON string is a template, as Terraform reads it. Without
 * the provider schema, nested blocks stay object-valued attributes; the mapping reads both forms.
 */
final class TfJson {
  private TfJson() {}

  static Body parse(String file, String text) throws SourceSyntaxException, HclParseException {
    Value root = TreeReader.readJson(file, text);
    if (!(root instanceof Value.Obj top)) throw new SourceSyntaxException(new Location(file, 1, 1), "a .tf.json file must hold an object");
    List<Block> blocks = new ArrayList<>();
    for (Map.Entry<String, Value> e : top.fields().entrySet()) {
      String kind = e.getKey();
      switch (kind) {
        case "resource", "data" -> {
          for (Map.Entry<String, Value> t : fields(e.getValue())) {
            for (Map.Entry<String, Value> n : fields(t.getValue())) {
              for (Value.Obj body : objects(n.getValue())) blocks.add(block(file, kind, List.of(t.getKey(), n.getKey()), body, kind));
            }
          }
        }
        case "variable", "output", "module" -> {
          for (Map.Entry<String, Value> n : fields(e.getValue())) {
            for (Value.Obj body : objects(n.getValue())) blocks.add(block(file, kind, List.of(n.getKey()), body, kind));
          }
        }
        case "locals" -> {
          for (Value.Obj body : objects(e.getValue())) blocks.add(block(file, kind, List.of(), body, kind));
        }
        default -> {
          // terraform, provider, moved, import: nothing deployed
        }
      }
    }
    Range r = range(file, top);
    return new Body(List.of(), blocks, r);
  }

  private static List<Map.Entry<String, Value>> fields(Value v) {
    return v instanceof Value.Obj o ? List.copyOf(o.fields().entrySet()) : List.of();
  }

  private static List<Value.Obj> objects(Value v) {
    if (v instanceof Value.Obj o) return List.of(o);
    if (v instanceof Value.Arr a) return a.items().stream().filter(Value.Obj.class::isInstance).map(Value.Obj.class::cast).toList();
    return List.of();
  }

  private static Block block(String file, String type, List<String> labels, Value.Obj body, String kind) throws HclParseException {
    List<Attribute> attrs = new ArrayList<>();
    for (Map.Entry<String, Value> f : body.fields().entrySet()) {
      String name = f.getKey();
      if (name.equals("//")) continue;
      Expression e;
      if (kind.equals("variable") && name.equals("type") && f.getValue() instanceof Value.Str s) {
        e = expression(file, s.value(), f.getValue().location());
      } else if (kind.equals("variable") && name.equals("default")) {
        e = literal(file, f.getValue(), false);
      } else {
        e = literal(file, f.getValue(), true);
      }
      Range r = range(file, f.getValue());
      attrs.add(new Attribute(name, e, r, r));
    }
    Range r = range(file, body);
    return new Block(type, labels, new Body(attrs, List.of(), r), r, labels.stream().map(l -> r).toList());
  }

  private static Expression literal(String file, Value v, boolean templates) throws HclParseException {
    Range r = range(file, v);
    if (v instanceof Value.Str s) {
      if (templates && (s.value().contains("${") || s.value().contains("%{"))) return template(file, s.value(), v.location());
      return new TemplateExpr(s.value().isEmpty() ? List.of() : List.of(new TemplatePart.TemplateLiteral(s.value(), r)), false, r, s.value());
    }
    if (v instanceof Value.Num n) return new LiteralValue(n.value(), r, n.value().toPlainString());
    if (v instanceof Value.Bool b) return new LiteralValue(b.value(), r, Boolean.toString(b.value()));
    if (v instanceof Value.Null) return new LiteralValue(null, r, "null");
    if (v instanceof Value.Arr a) {
      List<Expression> items = new ArrayList<>();
      for (Value i : a.items()) items.add(literal(file, i, templates));
      return new TupleCons(items, r, "[...]");
    }
    Value.Obj o = (Value.Obj) v;
    List<ObjectCons.ObjectItem> items = new ArrayList<>();
    for (Map.Entry<String, Value> f : o.fields().entrySet()) {
      items.add(new ObjectCons.ObjectItem(new ObjectKey(f.getKey(), r, f.getKey()), literal(file, f.getValue(), templates)));
    }
    return new ObjectCons(items, r, "{...}");
  }

  /** A JSON string read as a native-syntax template, placed on its JSON line. */
  private static Expression template(String file, String s, Location at) throws HclParseException {
    StringBuilder q = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> q.append(ch);
      }
    }
    return expression(file, q.append('"').toString(), at);
  }

  private static Expression expression(String file, String source, Location at) throws HclParseException {
    String pad = "\n".repeat(Math.max(0, at.line() - 1));
    Body b = HclParser.parse(file, pad + "x = " + source + "\n");
    return b.attribute("x").orElseThrow().expr();
  }

  private static Range range(String file, Value v) {
    Location l = v.location();
    Pos p = new Pos(l.line(), l.column(), 0);
    return new Range(file, p, p);
  }
}
