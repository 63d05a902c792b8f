package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.arg;
import static dev.exfilguard.arm.expr.Functions.arity;
import static dev.exfilguard.arm.expr.Functions.integer;
import static dev.exfilguard.arm.expr.Functions.num;
import static dev.exfilguard.arm.expr.Functions.relocate;
import static dev.exfilguard.arm.expr.Functions.same;
import static dev.exfilguard.arm.expr.Functions.str;
import static dev.exfilguard.arm.expr.Functions.term;
import static dev.exfilguard.arm.expr.Functions.text;

import dev.exfilguard.arm.expr.Functions.EvalError;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
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
    r.defSymbolic("string", (a, at) -> {
      Value v = arg(a, 0);
      if (v instanceof Value.Arr || v instanceof Value.Obj) return out(Functions.json(v), at);
      return Functions.stringOf(term(a, 0), at);
    });
    r.defSymbolic("toLower", (a, at) -> Functions.stringOf(strTerm(a, 0).lower(), at));
    r.defSymbolic("toUpper", (a, at) -> Functions.stringOf(strTerm(a, 0).upper(), at));
    r.def("trim", (a, at) -> out(str(a, 0).strip(), at));
    r.defSymbolic("concat", StringFunctions::concat);
    r.defSymbolic("format", StringFunctions::format);
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
    r.defSymbolic("replace", (a, at) -> {
      if (Functions.anySymbolic(a)) return Functions.stringOf(Functions.derived("replace", List.of(strTerm(a, 0), strTerm(a, 1), strTerm(a, 2))), at);
      String s = str(a, 0);
      String old = str(a, 1);
      String by = str(a, 2);
      if (old.isEmpty()) throw new EvalError("the string to replace is empty");
      long count = 0;
      for (int i = s.indexOf(old); i >= 0; i = s.indexOf(old, i + old.length())) count++;
      Limits.checkString(s.length() + count * (by.length() - old.length()));
      return out(s.replace(old, by), at);
    });
    r.defSymbolic("startsWith", (a, at) -> startsOrEnds(a, at, true));
    r.defSymbolic("endsWith", (a, at) -> startsOrEnds(a, at, false));
    r.defSymbolic("substring", (a, at) -> {
      arity(a, 1, 3);
      if (Functions.anySymbolic(a)) return symbolicSlice(a, at, "substring");
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
    r.defSymbolic("uniqueString", (a, at) -> Functions.anySymbolic(a) ? hashOfSymbols("uniqueString", a, at)
        : out(ArmHashes.uniqueString(hashInput(a)), at));
    r.defSymbolic("guid", (a, at) -> Functions.anySymbolic(a) ? hashOfSymbols("guid", a, at) : out(ArmHashes.guid(hashInput(a)), at));
  }

  /** A string argument as a term (text, or symbolic). */
  private static Term strTerm(List<Value> a, int i) throws EvalError {
    Value v = arg(a, i);
    if (v instanceof Value.Unknown u && u.term() != null) return u.term();
    return Term.text(str(a, i));
  }

  /**
   * uniqueString()/guid() of values known only at deployment: a symbol of its own, the same
   * wherever the same inputs are hashed, so {@code uniqueString(resourceGroup().id)} names one
   * suffix throughout the deployment.
   */
  private static Value hashOfSymbols(String fn, List<Value> a, Meta at) throws EvalError {
    if (a.isEmpty()) throw new EvalError("needs at least one string");
    List<Term> args = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) args.add(strTerm(a, i));
    return Functions.stringOf(Functions.derived(fn, args), at);
  }

  /** startsWith()/endsWith() (case-insensitive): decided by the text at that end of a symbolic string, if it is long enough. */
  private static Value startsOrEnds(List<Value> a, Meta at, boolean start) throws EvalError {
    Term s = strTerm(a, 0);
    Term x = strTerm(a, 1);
    if (s.isText() && x.isText()) {
      String v = lower(s.render());
      String f = lower(x.render());
      return new Value.Bool(start ? v.startsWith(f) : v.endsWith(f), at);
    }
    if (!x.isText()) return new Value.Unknown("the string to look for is known only at deployment", at);
    String f = lower(x.render());
    String end = lower(start ? s.textPrefix() : textSuffix(s));
    if (end.length() >= f.length()) return new Value.Bool(start ? end.startsWith(f) : end.endsWith(f), at);
    boolean possible = start ? f.startsWith(end) : f.endsWith(end);
    return possible ? new Value.Unknown("the string is known only at deployment (" + s.render() + ")", at) : new Value.Bool(false, at);
  }

  private static String textSuffix(Term t) {
    List<Term.Part> parts = t.parts();
    return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Term.Text x ? x.text() : "";
  }

  /**
   * substring()/take() of a symbolic string: the text itself when it lies within the leading
   * text, else a symbol standing for that slice.
   */
  static Value symbolicSlice(List<Value> a, Meta at, String fn) throws EvalError {
    Term s = strTerm(a, 0);
    for (int i = 1; i < a.size(); i++) if (a.get(i).isUnknown()) return new Value.Unknown("the slice is known only at deployment", at);
    long start = fn.equals("take") ? 0 : a.size() > 1 ? integer(a, 1) : 0;
    Long length = fn.equals("take") ? Long.valueOf(integer(a, 1)) : a.size() > 2 ? Long.valueOf(integer(a, 2)) : null;
    if (start < 0 || (length != null && length < 0)) throw new EvalError("the start index or length is out of range");
    String lead = s.textPrefix();
    if (length != null && start + length <= lead.length()) return out(lead.substring((int) start, (int) (start + length)), at);
    List<String> extra = new ArrayList<>();
    if (!fn.equals("take")) extra.add(Long.toString(start));
    if (length != null) extra.add(Long.toString(length));
    return Functions.stringOf(Functions.derived(fn, List.of(s), extra.toArray(new String[0])), at);
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
    if (Functions.anySymbolic(a)) {
      List<Term> parts = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) parts.add(term(a, i));
      return Functions.stringOf(Term.concat(parts), at);
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

  /**
   * .NET composite formatting as ARM's format() uses it: {0}, {1,width}, with {{ and }} escapes.
   * A symbolic argument makes a symbolic result ({@code format('{0}-vnet', parameters('prefix'))}
   * is {@code {prefix}-vnet}), unless it must be padded to a width.
   */
  static Value format(List<Value> a, Meta at) throws EvalError {
    String f = str(a, 0);
    List<Term> parts = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    long length = 0;
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
        Value value = a.get(n + 1);
        if (value instanceof Value.Unknown u && u.term() != null) {
          if (comma >= 0) return new Value.Unknown("a value known only at deployment is padded to a width", at);
          parts.add(Term.text(sb.toString()));
          sb.setLength(0);
          parts.add(u.term());
          length += u.term().render().length();
          Limits.checkString(length);
          i = close;
          continue;
        }
        String arg = text(value);
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
        length += arg.length();
        Limits.checkString(length);
        i = close;
      } else if (c == '}' && i + 1 < f.length() && f.charAt(i + 1) == '}') {
        sb.append('}');
        length++;
        i++;
      } else {
        sb.append(c);
        length++;
      }
    }
    if (parts.isEmpty()) return new Value.Str(sb.toString(), at);
    parts.add(Term.text(sb.toString()));
    return Functions.stringOf(Term.concat(parts), at);
  }
}
