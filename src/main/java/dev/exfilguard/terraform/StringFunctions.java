package dev.exfilguard.terraform;

import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.Budget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String functions: join, split, replace, format, regex, substr, case and trimming. */
final class StringFunctions {
  private StringFunctions() {}

  static void register(Functions.Registry r) {
    r.symbolic("join", (a, c) -> {
      c.arity(a, 2, Integer.MAX_VALUE);
      String sep = TfValues.string(a.get(0), "separator");
      List<Term> parts = new ArrayList<>();
      long length = 0;
      for (Value l : a.subList(1, a.size())) {
        for (Value v : TfValues.list(l, "join list")) {
          if (!parts.isEmpty()) parts.add(Term.text(sep));
          Term t = term(v, "join element");
          parts.add(t);
          length += t.render().length() + sep.length();
          Budget.checkString(length);
        }
      }
      return TfValues.stringOf(Term.concat(parts), c.meta());
    });
    r.add("split", (a, c) -> {
      c.arity(a, 2, 2);
      String sep = TfValues.string(a.get(0), "separator");
      String s = TfValues.string(a.get(1), "string");
      List<Value> out = new ArrayList<>();
      if (sep.isEmpty()) {
        s.codePoints().forEach(cp -> out.add(c.str(new String(Character.toChars(cp)))));
      } else {
        int from = 0;
        int i;
        while ((i = s.indexOf(sep, from)) >= 0) {
          out.add(c.str(s.substring(from, i)));
          from = i + sep.length();
        }
        out.add(c.str(s.substring(from)));
      }
      return c.arr(out);
    });
    r.symbolic("replace", (a, c) -> {
      c.arity(a, 3, 3);
      if (symbolic(a)) return derived("replace", a, c);
      String s = TfValues.string(a.get(0), "string");
      String sub = TfValues.string(a.get(1), "substring");
      String rep = TfValues.string(a.get(2), "replacement");
      if (sub.length() > 1 && sub.startsWith("/") && sub.endsWith("/")) {
        Matcher m = pattern(sub.substring(1, sub.length() - 1)).matcher(s);
        StringBuilder out = new StringBuilder();
        String jr = javaReplacement(rep);
        while (m.find()) {
          m.appendReplacement(out, jr);
          Budget.checkString(out.length());
        }
        m.appendTail(out);
        Budget.checkString(out.length());
        return c.str(out.toString());
      }
      if (!sub.isEmpty() && rep.length() > sub.length()) {
        // the result's length, before building it: each occurrence grows by the difference
        long count = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) count++;
        Budget.checkString(s.length() + count * (rep.length() - sub.length()));
      } else if (sub.isEmpty()) {
        Budget.checkString(s.length() + (s.length() + 1L) * rep.length());
      }
      return c.str(s.replace(sub, rep));
    });
    r.symbolic("lower", (a, c) -> {
      c.arity(a, 1, 1);
      return TfValues.stringOf(term(a.get(0), "argument").lower(), c.meta());
    });
    r.symbolic("upper", (a, c) -> {
      c.arity(a, 1, 1);
      return TfValues.stringOf(term(a.get(0), "argument").upper(), c.meta());
    });
    r.add("title", (a, c) -> {
      String s = one(a, c);
      StringBuilder sb = new StringBuilder();
      boolean start = true;
      for (char ch : s.toCharArray()) {
        sb.append(start ? Character.toUpperCase(ch) : ch);
        start = !Character.isLetterOrDigit(ch);
      }
      return c.str(sb.toString());
    });
    r.add("trimspace", (a, c) -> c.str(one(a, c).strip()));
    r.add("chomp", (a, c) -> c.str(one(a, c).replaceAll("[\\r\\n]+$", "")));
    r.add("strrev", (a, c) -> c.str(new StringBuilder(one(a, c)).reverse().toString()));
    r.add("trim", (a, c) -> {
      c.arity(a, 2, 2);
      String s = TfValues.string(a.get(0), "string");
      String cut = TfValues.string(a.get(1), "cutset");
      int b = 0;
      int e = s.length();
      while (b < e && cut.indexOf(s.charAt(b)) >= 0) b++;
      while (e > b && cut.indexOf(s.charAt(e - 1)) >= 0) e--;
      return c.str(s.substring(b, e));
    });
    r.add("trimprefix", (a, c) -> {
      c.arity(a, 2, 2);
      String s = TfValues.string(a.get(0), "string");
      String p = TfValues.string(a.get(1), "prefix");
      return c.str(s.startsWith(p) ? s.substring(p.length()) : s);
    });
    r.add("trimsuffix", (a, c) -> {
      c.arity(a, 2, 2);
      String s = TfValues.string(a.get(0), "string");
      String p = TfValues.string(a.get(1), "suffix");
      return c.str(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
    });
    r.add("startswith", (a, c) -> {
      c.arity(a, 2, 2);
      return c.bool(TfValues.string(a.get(0), "string").startsWith(TfValues.string(a.get(1), "prefix")));
    });
    r.add("endswith", (a, c) -> {
      c.arity(a, 2, 2);
      return c.bool(TfValues.string(a.get(0), "string").endsWith(TfValues.string(a.get(1), "suffix")));
    });
    r.add("strcontains", (a, c) -> {
      c.arity(a, 2, 2);
      return c.bool(TfValues.string(a.get(0), "string").contains(TfValues.string(a.get(1), "substring")));
    });
    r.symbolic("substr", (a, c) -> {
      c.arity(a, 3, 3);
      if (symbolic(a)) return derived("substr", a, c);
      int[] cps = TfValues.string(a.get(0), "string").codePoints().toArray();
      int offset = TfValues.integer(a.get(1), "offset");
      int length = TfValues.integer(a.get(2), "length");
      if (offset < 0) offset = cps.length + offset;
      if (offset < 0 || offset > cps.length) throw new EvalError("substr offset out of range");
      int end = length < 0 ? cps.length : Math.min(cps.length, offset + length);
      return c.str(new String(cps, offset, Math.max(0, end - offset)));
    });
    r.add("indent", (a, c) -> {
      c.arity(a, 2, 2);
      int spaces = TfValues.integer(a.get(0), "spaces");
      String text = TfValues.string(a.get(1), "string");
      Budget.checkString(text.length() + (long) Math.max(0, spaces) * text.chars().filter(ch -> ch == '\n').count());
      String pad = " ".repeat(Math.max(0, spaces));
      return c.str(text.replace("\n", "\n" + pad));
    });
    r.symbolic("format", (a, c) -> {
      c.arity(a, 1, Integer.MAX_VALUE);
      String spec = TfValues.string(a.get(0), "format");
      if (symbolic(a)) return TfValues.stringOf(formatTerm(spec, a.subList(1, a.size())), c.meta());
      return c.str(format(spec, a.subList(1, a.size())));
    });
    r.add("formatlist", (a, c) -> {
      c.arity(a, 1, Integer.MAX_VALUE);
      String spec = TfValues.string(a.get(0), "format");
      int n = -1;
      for (Value v : a.subList(1, a.size())) {
        if (v instanceof Value.Arr l) {
          if (n >= 0 && n != l.items().size()) throw new EvalError("formatlist() lists differ in length");
          n = l.items().size();
        }
      }
      if (n < 0) n = 1;
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<Value> row = new ArrayList<>();
        for (Value v : a.subList(1, a.size())) row.add(v instanceof Value.Arr l ? l.items().get(i) : v);
        out.add(c.str(format(spec, row)));
      }
      return c.arr(out);
    });
    r.add("regex", (a, c) -> {
      c.arity(a, 2, 2);
      Pattern p = pattern(TfValues.string(a.get(0), "pattern"));
      Matcher m = p.matcher(TfValues.string(a.get(1), "string"));
      if (!m.find()) throw new EvalError("regex() found no match");
      return match(p, m, c);
    });
    r.add("regexall", (a, c) -> {
      c.arity(a, 2, 2);
      Pattern p = pattern(TfValues.string(a.get(0), "pattern"));
      Matcher m = p.matcher(TfValues.string(a.get(1), "string"));
      List<Value> out = new ArrayList<>();
      while (m.find()) out.add(match(p, m, c));
      return c.arr(out);
    });
  }

  private static String one(List<Value> a, Functions.Call c) {
    c.arity(a, 1, 1);
    return TfValues.string(a.get(0), "argument");
  }

  /** RE2 syntax as Terraform writes it; {@code (?P<name>)} is Java's {@code (?<name>)}. */
  static Pattern pattern(String re2) {
    try {
      return Pattern.compile(re2.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      throw new EvalError("invalid regular expression: " + e.getDescription());
    }
  }

  private static String javaReplacement(String rep) {
    // Terraform's $1 and ${1} both name a group; Java takes $1 and ${name}
    return rep.replaceAll("\\$\\{(\\d+)\\}", "\\$$1");
  }

  private static final Pattern NAMED = Pattern.compile("\\(\\?P?<([a-zA-Z][a-zA-Z0-9_]*)>");

  /** No groups: the match; named groups: an object; numbered groups: a list (Terraform's regex()). */
  private static Value match(Pattern p, Matcher m, Functions.Call c) {
    List<String> names = new ArrayList<>();
    Matcher n = NAMED.matcher(p.pattern());
    while (n.find()) names.add(n.group(1));
    if (m.groupCount() == 0) return c.str(m.group());
    if (!names.isEmpty()) {
      Map<String, Value> f = new LinkedHashMap<>();
      for (String name : names) f.put(name, m.group(name) == null ? new Value.Null(c.meta()) : c.str(m.group(name)));
      return c.obj(f);
    }
    List<Value> out = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) out.add(m.group(i) == null ? new Value.Null(c.meta()) : c.str(m.group(i)));
    return c.arr(out);
  }

  private static final Pattern VERB = Pattern.compile("%(\\[(\\d+)\\])?([-+# 0]*)(\\d+)?(?:\\.(\\d+))?([a-zA-Z%])");

  /** A string argument as a term: its text, or the symbolic string it is. */
  private static Term term(Value v, String what) {
    if (v instanceof Value.Unknown u && u.term() != null) return u.term();
    return Term.text(TfValues.string(v, what));
  }

  private static boolean symbolic(List<Value> a) {
    for (Value v : a) if (v instanceof Value.Unknown u && u.term() != null) return true;
    return false;
  }

  /** A function of symbolic strings: a symbol of its own, the same wherever the same call is made. */
  private static Value derived(String fn, List<Value> a, Functions.Call c) {
    StringBuilder key = new StringBuilder(fn).append('(');
    StringBuilder label = new StringBuilder(fn).append('(');
    for (int i = 0; i < a.size(); i++) {
      Term t = term(a.get(i), "argument");
      if (i > 0) {
        key.append(',');
        label.append(',');
      }
      key.append(t.exactKey());
      label.append(t.argumentLabel());
    }
    return TfValues.stringOf(Term.symbol(key.append(')').toString(), label.append(')').toString(), null), c.meta());
  }

  /**
   * format() with symbolic arguments: each {@code %s}/{@code %v} of one is that symbolic string;
   * any other verb, or a width, on one is Unknown.
   */
  private static Term formatTerm(String spec, List<Value> args) {
    List<Term> parts = new ArrayList<>();
    Matcher m = VERB.matcher(spec);
    int last = 0;
    int next = 0;
    while (m.find()) {
      parts.add(Term.text(spec.substring(last, m.start())));
      last = m.end();
      char verb = m.group(6).charAt(0);
      if (verb == '%') {
        parts.add(Term.text("%"));
        continue;
      }
      int idx = m.group(2) != null ? Integer.parseInt(m.group(2)) - 1 : next;
      next = idx + 1;
      if (idx < 0 || idx >= args.size()) throw new EvalError("format(): not enough arguments for " + m.group());
      Value v = args.get(idx);
      if (v instanceof Value.Unknown u && u.term() != null) {
        if ((verb != 's' && verb != 'v') || m.group(4) != null || !m.group(3).isEmpty()) {
          throw new EvalError("format(): " + m.group() + " of a value known only after apply");
        }
        parts.add(u.term());
      } else {
        String one = "%" + m.group(3) + (m.group(4) != null ? m.group(4) : "") + (m.group(5) != null ? "." + m.group(5) : "") + verb;
        parts.add(Term.text(format(one, List.of(v))));
      }
    }
    parts.add(Term.text(spec.substring(last)));
    return Term.concat(parts);
  }

  /** Terraform's format(): Go-style verbs %s %d %f %t %v %q %x %e %% with flags, width, precision. */
  static String format(String spec, List<Value> args) {
    StringBuilder out = new StringBuilder();
    Matcher m = VERB.matcher(spec);
    int last = 0;
    int next = 0;
    while (m.find()) {
      out.append(spec, last, m.start());
      last = m.end();
      char verb = m.group(6).charAt(0);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      int idx = m.group(2) != null ? Integer.parseInt(m.group(2)) - 1 : next;
      next = idx + 1;
      if (idx < 0 || idx >= args.size()) throw new EvalError("format(): not enough arguments for " + m.group());
      Value v = args.get(idx);
      String flags = m.group(3);
      String text;
      switch (verb) {
        case 's' -> text = TfValues.string(v, "format %s argument");
        case 'q' -> text = EncodingFunctions.jsonString(TfValues.string(v, "format %q argument"));
        case 'd' -> {
          BigDecimal d = TfValues.number(v, "format %d argument");
          if (d.stripTrailingZeros().scale() > 0) throw new EvalError("format %d argument must be a whole number");
          text = TfValues.plain(d);
          if (flags.contains("+") && d.signum() >= 0) text = "+" + text;
        }
        case 'f', 'F', 'e', 'E', 'g', 'G' -> {
          BigDecimal d = TfValues.number(v, "format %" + verb + " argument");
          int prec = m.group(5) != null ? width(m.group(5)) : 6;
          text = verb == 'f' || verb == 'F' ? d.setScale(prec, java.math.RoundingMode.HALF_EVEN).toPlainString()
              : String.format(java.util.Locale.ROOT, "%." + prec + verb, d.doubleValue());
          if (flags.contains("+") && d.signum() >= 0) text = "+" + text;
        }
        case 't' -> text = Boolean.toString(TfValues.bool(v, "format %t argument"));
        case 'x', 'X', 'o', 'b' -> {
          java.math.BigInteger bi = TfValues.number(v, "format %" + verb + " argument").toBigIntegerExact();
          text = bi.toString(verb == 'o' ? 8 : verb == 'b' ? 2 : 16);
          if (verb == 'X') text = text.toUpperCase(java.util.Locale.ROOT);
        }
        case 'v' -> text = v instanceof Value.Arr || v instanceof Value.Obj ? EncodingFunctions.json(v) : TfValues.string(v, "format %v argument");
        default -> throw new EvalError("format(): unsupported verb %" + verb);
      }
      if (m.group(4) != null) {
        int width = width(m.group(4));
        if (text.length() < width) {
          String pad = (flags.contains("0") && !flags.contains("-") ? "0" : " ").repeat(width - text.length());
          text = flags.contains("-") ? text + pad : pad + text;
        }
      }
      out.append(text);
      Budget.checkString(out.length());
    }
    out.append(spec.substring(last));
    return out.toString();
  }

  /** A width or precision: {@code %2000000000s} asks for a 2 GB string, which is not built. */
  private static int width(String digits) {
    if (digits.length() > 9) Budget.checkString(Long.MAX_VALUE);
    int w = Integer.parseInt(digits);
    Budget.checkString(w);
    return w;
  }
}
