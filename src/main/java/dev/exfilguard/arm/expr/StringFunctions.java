package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.arg;
import static dev.exfilguard.arm.expr.Functions.arity;
import static dev.exfilguard.arm.expr.Functions.integer;
import static dev.exfilguard.arm.expr.Functions.num;
import static dev.exfilguard.arm.expr.Functions.relocate;
import static dev.exfilguard.arm.expr.Functions.same;
import static dev.exfilguard.arm.expr.Functions.str;
import static dev.exfilguard.arm.expr.Functions.text;

import dev.exfilguard.arm.expr.Functions.EvalError;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** String functions (template-functions-string), including uniqueString() and guid(). */
final class StringFunctions {
  private StringFunctions() {}

  private static final String DATA_URI_PREFIX = "data:text/plain;charset=utf8;base64,";

  static void register(Functions.Registry r) {
    r.def("string", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Arr || v instanceof Value.Obj) return out(Functions.json(v), at);
      return out(text(v), at);
    });
    r.def("toLower", (a, at) -> out(str(a, 0).toLowerCase(Locale.ROOT), at));
    r.def("toUpper", (a, at) -> out(str(a, 0).toUpperCase(Locale.ROOT), at));
    r.def("trim", (a, at) -> out(str(a, 0).strip(), at));
    r.def("concat", StringFunctions::concat);
    r.def("format", StringFunctions::format);
    r.def("split", StringFunctions::split);
    r.def("join", (a, at) -> {
      if (!(arg(a, 0) instanceof Value.Arr arr)) throw new EvalError("needs an array");
      String sep = str(a, 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < arr.items().size(); i++) {
        if (i > 0) sb.append(sep);
        Value item = arr.items().get(i);
        if (item.isUnknown()) return new Value.Unknown(((Value.Unknown) item).reason(), at);
        sb.append(text(item));
        Limits.checkString(sb.length());
      }
      return out(sb.toString(), at);
    });
    r.def("replace", (a, at) -> {
      String s = str(a, 0);
      String old = str(a, 1);
      String by = str(a, 2);
      if (old.isEmpty()) throw new EvalError("the string to replace is empty");
      long count = 0;
      for (int i = s.indexOf(old); i >= 0; i = s.indexOf(old, i + old.length())) count++;
      Limits.checkString(s.length() + count * (by.length() - old.length()));
      return out(s.replace(old, by), at);
    });
    r.def("startsWith", (a, at) -> Functions.test(lower(str(a, 0)).startsWith(lower(str(a, 1))), str(a, 0), str(a, 1), at));
    r.def("endsWith", (a, at) -> Functions.test(lower(str(a, 0)).endsWith(lower(str(a, 1))), str(a, 0), str(a, 1), at));
    r.def("substring", (a, at) -> {
      arity(a, 1, 3);
      String s = str(a, 0);
      long start = a.size() > 1 ? integer(a, 1) : 0;
      long length = a.size() > 2 ? integer(a, 2) : s.length() - start;
      if (start < 0 || start > s.length()) throw new EvalError("the start index is out of range");
      if (length < 0 || start + length > s.length()) throw new EvalError("the length is out of range");
      return out(s.substring((int) start, (int) (start + length)), at);
    });
    r.def("padLeft", (a, at) -> {
      arity(a, 2, 3);
      Value v = arg(a, 0);
      if (!(v instanceof Value.Str) && !(v instanceof Value.Num)) throw new EvalError("pads a string or an integer");
      String s = text(v);
      long total = integer(a, 1);
      String pad = a.size() > 2 ? str(a, 2) : " ";
      if (pad.length() != 1) throw new EvalError("the padding is one character");
      Limits.checkString(total);
      return out(s.length() >= total ? s : pad.repeat((int) (total - s.length())) + s, at);
    });
    // indexOf/lastIndexOf: case-insensitive on strings, exact on array items (template-functions-string/-array)
    r.def("indexOf", (a, at) -> indexOf(a, at, false));
    r.def("lastIndexOf", (a, at) -> indexOf(a, at, true));
    r.def("base64", (a, at) -> {
      String s = str(a, 0);
      Limits.checkString(s.length() * 2L);
      return out(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)), at);
    });
    r.def("base64ToString", (a, at) -> out(fromBase64(str(a, 0)), at));
    r.def("base64ToJson", (a, at) -> parseJson(fromBase64(str(a, 0)), at));
    r.def("dataUri", (a, at) -> {
      String s = str(a, 0);
      Limits.checkString(s.length() * 2L);
      return out(DATA_URI_PREFIX + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)), at);
    });
    r.def("dataUriToString", (a, at) -> {
      String s = str(a, 0);
      int comma = s.indexOf(',');
      if (!s.startsWith("data:") || comma < 0) throw new EvalError("not a data URI");
      String body = s.substring(comma + 1);
      return out(s.substring(0, comma).endsWith(";base64") ? fromBase64(body) : URLDecoder.decode(body, StandardCharsets.UTF_8), at);
    });
    r.def("json", (a, at) -> parseJson(str(a, 0), at));
    r.def("uri", (a, at) -> out(uri(str(a, 0), str(a, 1)), at));
    // .NET's Uri.EscapeDataString: RFC 3986 unreserved characters stay, everything else is %XX
    r.def("uriComponent", (a, at) -> out(URLEncoder.encode(str(a, 0), StandardCharsets.UTF_8)
        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~"), at));
    r.def("uriComponentToString", (a, at) -> out(URLDecoder.decode(str(a, 0).replace("+", "%2B"), StandardCharsets.UTF_8), at));
    r.def("uniqueString", (a, at) -> out(ArmHashes.uniqueString(hashInput(a)), at));
    r.def("guid", (a, at) -> out(ArmHashes.guid(hashInput(a)), at));
  }

  private static Value out(String s, Meta at) throws EvalError {
    Limits.checkString(s.length());
    return new Value.Str(s, at);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** uniqueString() and guid() take one or more strings and hash them joined by '-'. */
  private static String hashInput(List<Value> a) throws EvalError {
    if (a.isEmpty()) throw new EvalError("needs at least one string");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      if (i > 0) sb.append('-');
      sb.append(str(a, i));
    }
    return sb.toString();
  }

  private static String fromBase64(String s) throws EvalError {
    try {
      return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new EvalError("not base64");
    }
  }

  static Value parseJson(String s, Meta at) throws EvalError {
    Limits.checkString(s.length());
    try {
      return relocate(TreeReader.readJson("json()", s), at);
    } catch (SourceSyntaxException e) {
      throw new EvalError("not JSON: " + e.getMessage());
    }
  }

  /** .NET's new Uri(baseUri, relativeUri): RFC 3986 reference resolution. */
  private static String uri(String base, String relative) throws EvalError {
    try {
      URI b = new URI(base);
      if (b.getRawPath() == null || b.getRawPath().isEmpty()) b = new URI(base + "/");
      return b.resolve(new URI(relative)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new EvalError("not a URI: " + e.getMessage());
    }
  }

  /** concat(): strings joined, or arrays appended (the first argument decides which). */
  static Value concat(List<Value> a, Meta at) throws EvalError {
    if (!a.isEmpty() && a.get(0) instanceof Value.Arr) {
      List<Value> items = new ArrayList<>();
      for (Value v : a) {
        if (v instanceof Value.Arr arr) items.addAll(arr.items());
        else if (!(v instanceof Value.Null)) throw new EvalError("mixes arrays and other values");
        Limits.checkArray(items.size());
      }
      return new Value.Arr(items, at);
    }
    StringBuilder sb = new StringBuilder();
    for (Value v : a) {
      sb.append(text(v));
      Limits.checkString(sb.length());
    }
    return new Value.Str(sb.toString(), at);
  }

  private static Value split(List<Value> a, Meta at) throws EvalError {
    String s = str(a, 0);
    List<String> seps = new ArrayList<>();
    Value d = arg(a, 1);
    if (d instanceof Value.Arr arr) for (Value v : arr.items()) seps.add(text(v));
    else seps.add(text(d));
    List<Value> parts = new ArrayList<>();
    int start = 0;
    outer:
    for (int i = 0; i < s.length(); ) {
      for (String sep : seps) {
        if (!sep.isEmpty() && s.startsWith(sep, i)) {
          parts.add(new Value.Str(s.substring(start, i), at));
          i += sep.length();
          start = i;
          continue outer;
        }
      }
      i++;
    }
    parts.add(new Value.Str(s.substring(start), at));
    Limits.checkArray(parts.size());
    return new Value.Arr(parts, at);
  }

  private static Value indexOf(List<Value> a, Meta at, boolean last) throws EvalError {
    Value c = arg(a, 0);
    Value x = arg(a, 1);
    if (c instanceof Value.Arr arr) {
      int found = -1;
      for (int i = 0; i < arr.items().size(); i++) {
        Boolean eq = same(arr.items().get(i), x);
        if (eq == null) return new Value.Unknown("the array holds an Unknown item", at);
        if (eq) {
          found = i;
          if (!last) break;
        }
      }
      return num(found, at);
    }
    String s = lower(str(a, 0));
    String f = lower(str(a, 1));
    return num(last ? s.lastIndexOf(f) : s.indexOf(f), at);
  }

  /** .NET composite formatting as ARM's format() uses it: {0}, {1,width}, with {{ and }} escapes. */
  static Value format(List<Value> a, Meta at) throws EvalError {
    String f = str(a, 0);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '{') {
        if (i + 1 < f.length() && f.charAt(i + 1) == '{') {
          sb.append('{');
          i++;
          continue;
        }
        int close = f.indexOf('}', i);
        if (close < 0) throw new EvalError("unclosed '{' in format string");
        String spec = f.substring(i + 1, close);
        int colon = spec.indexOf(':');
        int comma = spec.indexOf(',');
        int end = colon >= 0 ? colon : spec.length();
        if (comma >= 0 && comma < end) end = comma;
        int n;
        try {
          n = Integer.parseInt(spec.substring(0, end).trim());
        } catch (NumberFormatException e) {
          throw new EvalError("bad placeholder {" + spec + "}");
        }
        if (n < 0 || n + 1 >= a.size()) throw new EvalError("placeholder {" + n + "} has no argument");
        if (colon >= 0) throw new EvalError("format specifiers are not evaluated");
        String arg = text(a.get(n + 1));
        if (comma >= 0) {
          // {n,width}: right-aligned in width characters, left-aligned when width is negative
          int width;
          try {
            width = Integer.parseInt(spec.substring(comma + 1).trim());
          } catch (NumberFormatException e) {
            throw new EvalError("bad placeholder {" + spec + "}");
          }
          Limits.checkString(Math.abs((long) width));
          String pad = " ".repeat(Math.max(0, Math.abs(width) - arg.length()));
          arg = width < 0 ? arg + pad : pad + arg;
        }
        sb.append(arg);
        Limits.checkString(sb.length());
        i = close;
      } else if (c == '}' && i + 1 < f.length() && f.charAt(i + 1) == '}') {
        sb.append('}');
        i++;
      } else {
        sb.append(c);
      }
    }
    return new Value.Str(sb.toString(), at);
  }
}
