package dev.exfilguard.terraform;

import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Type conversion and encoding: tostring, tonumber, tobool, jsonencode, jsondecode, base64. */
final class EncodingFunctions {
  private EncodingFunctions() {}

  static void register(Functions.Registry r) {
    r.add("tostring", (a, c) -> {
      c.arity(a, 1, 1);
      Value v = a.get(0);
      if (v instanceof Value.Null) return v;
      if (v instanceof Value.Arr || v instanceof Value.Obj) throw new EvalError("tostring() of a collection");
      return c.str(TfValues.string(v, "tostring() argument"));
    });
    r.add("tonumber", (a, c) -> {
      c.arity(a, 1, 1);
      return a.get(0) instanceof Value.Null ? a.get(0) : c.num(TfValues.number(a.get(0), "tonumber() argument"));
    });
    r.add("tobool", (a, c) -> {
      c.arity(a, 1, 1);
      return a.get(0) instanceof Value.Null ? a.get(0) : c.bool(TfValues.bool(a.get(0), "tobool() argument"));
    });
    r.add("jsonencode", (a, c) -> {
      c.arity(a, 1, 1);
      return c.str(json(a.get(0)));
    });
    r.add("jsondecode", (a, c) -> {
      c.arity(a, 1, 1);
      try {
        // the decoded values stand where the call is: that is the text a reviewer can change
        return TreeReader.readJson(c.meta().location().file(), TfValues.string(a.get(0), "jsondecode() argument"))
            .relocated(c.meta().location());
      } catch (SourceSyntaxException e) {
        throw new EvalError("jsondecode(): " + e.getMessage());
      }
    });
    r.add("base64encode", (a, c) -> {
      c.arity(a, 1, 1);
      return c.str(Base64.getEncoder().encodeToString(TfValues.string(a.get(0), "argument").getBytes(StandardCharsets.UTF_8)));
    });
    r.add("base64decode", (a, c) -> {
      c.arity(a, 1, 1);
      try {
        return c.str(new String(Base64.getDecoder().decode(TfValues.string(a.get(0), "argument")), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new EvalError("base64decode(): not base64");
      }
    });
    r.add("urlencode", (a, c) -> {
      c.arity(a, 1, 1);
      return c.str(java.net.URLEncoder.encode(TfValues.string(a.get(0), "argument"), StandardCharsets.UTF_8).replace("+", "%20"));
    });
  }

  /** Terraform's jsonencode: object keys in lexical order, Go's escaping of {@code < > &}. */
  static String json(Value v) {
    StringBuilder sb = new StringBuilder();
    json(v, sb);
    return sb.toString();
  }

  private static void json(Value v, StringBuilder sb) {
    if (v instanceof Value.Str s) {
      sb.append(jsonString(s.value()));
    } else if (v instanceof Value.Num n) {
      sb.append(TfValues.plain(n.value()));
    } else if (v instanceof Value.Bool b) {
      sb.append(b.value());
    } else if (v instanceof Value.Null) {
      sb.append("null");
    } else if (v instanceof Value.Arr a) {
      sb.append('[');
      List<Value> items = a.items();
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) sb.append(',');
        json(items.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Value.Obj o) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> e : new TreeMap<>(o.fields()).entrySet()) {
        if (!first) sb.append(',');
        first = false;
        sb.append(jsonString(e.getKey())).append(':');
        json(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      throw new EvalError("jsonencode() of an unknown value");
    }
  }

  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&' -> sb.append(String.format("\\u%04x", (int) ch));
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') sb.append(String.format("\\u%04x", (int) ch));
          else sb.append(ch);
        }
      }
    }
    return sb.append('"').toString();
  }
}
