package dev.exfilguard.bicep;

import dev.exfilguard.bicep.Lowered.Arr;
import dev.exfilguard.bicep.Lowered.Entry;
import dev.exfilguard.bicep.Lowered.Item;
import dev.exfilguard.bicep.Lowered.Lit;
import dev.exfilguard.bicep.Lowered.Loop;
import dev.exfilguard.bicep.Lowered.Obj;
import dev.exfilguard.bicep.Syntax.*;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers Bicep expressions to the ARM template language the way the compiler writes them:
 * operators to functions ({@code a == b} is {@code equals(a, b)}, {@code ??} is
 * {@code coalesce}, {@code ? :} is {@code if}), interpolation to {@code format}, safe access to
 * {@code tryGet}, spreads to {@code shallowMerge}/{@code flatten}, lambdas to {@code lambda()},
 * symbols to {@code parameters()}/{@code variables()}, and resource and module accesses to
 * {@code resourceId(...)}, {@code reference('symbol')...} and {@code reference('m').outputs.x.value}.
 */
final class Expressions {
  private final Lowering lw;
  private int lambdaCount;

  Expressions(Lowering lw) {
    this.lw = lw;
  }

  // ------------------------------------------------------------------ placing values

  /** The ARM expression text of a lowered value. */
  String text(Lowered l) {
    if (l instanceof Lowered.Lit lit) return Lowered.literalText(lit.value());
    if (l instanceof Lowered.Constant c) return Lowered.literalText(c.value());
    if (l instanceof Lowered.Expr e) return e.text();
    if (l instanceof Lowered.TryGet t) {
      List<String> args = new ArrayList<>();
      args.add(t.base());
      args.addAll(t.keys());
      return Lowered.call("tryGet", args);
    }
    if (l instanceof Obj o) {
      List<String> args = new ArrayList<>();
      for (Entry e : o.entries()) {
        args.add(e.computed() ? e.key() : Lowered.quote(e.key()));
        args.add(text(e.value()));
      }
      return Lowered.call("createObject", args);
    }
    if (l instanceof Arr a) {
      List<String> args = new ArrayList<>();
      for (Item i : a.items()) args.add(text(i.value()));
      return Lowered.call("createArray", args);
    }
    if (l instanceof Loop loop) return loopText(loop);
    if (l instanceof Lowered.Res r) {
      return Lowered.call("reference", lw.referenceArg(r.symbol().symbol, r.index()), Lowered.quote(r.symbol().api), "'full'");
    }
    if (l instanceof Lowered.Mod m) return Lowered.call("reference", lw.referenceArg(m.symbol().symbol, m.index()));
    if (l instanceof Lowered.Outputs o) return o.ref() + ".outputs";
    if (l instanceof Lowered.Secret s) return lw.unknownText("a Key Vault secret is known only at deployment", null);
    return "null()";
  }

  /**
   * The value as the compiler writes it in JSON: literals and object and array literals as JSON
   * (a loop as an object property becomes a property copy named by the property), anything else
   * as an {@code "[expression]"} string standing at {@code at}.
   */
  Value json(Lowered l, Location at) {
    Meta m = Meta.explicit(at);
    if (l instanceof Lit lit) return Lowered.literalJson(lit.value(), at);
    if (l instanceof Lowered.Constant c) return Lowered.escaped(c.value());
    if (l instanceof Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      List<Value> copies = new ArrayList<>();
      for (Entry e : o.entries()) {
        if (e.value() instanceof Loop loop && !hasFilter(loop) && !e.computed()) {
          copies.add(copyEntry(e.key(), loop, e.at()));
        } else {
          String key = e.computed() ? "[" + e.key() + "]" : e.key().startsWith("[") ? "[" + e.key() : e.key();
          fields.put(key, json(e.value(), e.at()));
        }
      }
      if (!copies.isEmpty()) fields.put("copy", new Value.Arr(copies, m));
      return new Value.Obj(fields, m);
    }
    if (l instanceof Arr a) {
      List<Value> items = new ArrayList<>();
      for (Item i : a.items()) items.add(json(i.value(), i.at()));
      return new Value.Arr(items, m);
    }
    return new Value.Str("[" + text(l) + "]", m);
  }

  /** {@code {name, count, input}}: a property or variable copy loop named {@code name}. */
  Value copyEntry(String name, Loop loop, Location at) {
    Meta m = Meta.explicit(at);
    String index = "copyIndex(" + Lowered.quote(name) + ")";
    String iter = iterable(loop);
    Map<String, Value> f = new LinkedHashMap<>();
    f.put("name", new Value.Str(name, m));
    f.put("count", new Value.Str("[" + Lowered.call("length", iter) + "]", m));
    f.put("input", json(lower(loop.syntax().body(), bindLoop(loop, iter, index)), at(loop.syntax().body().span())));
    return new Value.Obj(f, m);
  }

  /** The ARM text of a loop's collection. */
  String iterable(Loop loop) {
    return text(lower(loop.syntax().iterable(), loop.scope()));
  }

  /** The loop's scope with its item bound to {@code iter[index]} and its index to {@code index}. */
  Locals bindLoop(Loop loop, String iter, String index) {
    Locals l = loop.scope().with(loop.syntax().item(), new Lowered.Expr(iter + "[" + index + "]"));
    return l.with(loop.syntax().index(), new Lowered.Expr(index));
  }

  static boolean hasFilter(Loop loop) {
    return loop.syntax().body() instanceof IfExpr;
  }

  /** A loop inside an expression: {@code map(range(0, length(c)), lambda('i', body))}, filtered first if it has a condition. */
  private String loopText(Loop loop) {
    String var = "$i" + (++lambdaCount);
    String iter = iterable(loop);
    String index = "lambdaVariables(" + Lowered.quote(var) + ")";
    Locals bound = bindLoop(loop, iter, index);
    Syntax.Expr body = loop.syntax().body();
    String indexes = Lowered.call("range", "0", Lowered.call("length", iter));
    if (body instanceof IfExpr f) {
      indexes = Lowered.call("filter", indexes, Lowered.call("lambda", Lowered.quote(var), text(lower(f.condition(), bound))));
      body = f.body();
    }
    return Lowered.call("map", indexes, Lowered.call("lambda", Lowered.quote(var), text(lower(body, bound))));
  }

  private Location at(Span s) {
    return lw.at(s);
  }

  // ------------------------------------------------------------------ expressions

  Lowered lower(Syntax.Expr e, Locals locals) {
    if (e instanceof StrLit s) return Lowered.string(s.value());
    if (e instanceof IntLit i) return Lowered.number(new BigDecimal(i.value()));
    if (e instanceof BoolLit b) return new Lit(new Value.Bool(b.value(), Meta.explicit(at(b.span()))));
    if (e instanceof NullLit n) return new Lit(new Value.Null(Meta.explicit(at(n.span()))));
    if (e instanceof Interp s) return interpolation(s, locals);
    if (e instanceof Ident id) return identifier(id, locals);
    if (e instanceof ObjectExpr o) return object(o, locals);
    if (e instanceof ArrayExpr a) return array(a, locals);
    if (e instanceof ForExpr f) return new Loop(f, locals);
    if (e instanceof Call c) return call(c.name(), c.args(), c, locals);
    if (e instanceof MethodCall m) return methodCall(m, locals);
    if (e instanceof PropertyAccess || e instanceof IndexAccess || e instanceof ChildAccess || e instanceof NonNull) return access(e, locals);
    if (e instanceof Unary u) return unary(u, locals);
    if (e instanceof Binary b) return binary(b, locals);
    if (e instanceof Ternary t) {
      return ex(Lowered.call("if", text(lower(t.condition(), locals)), text(lower(t.whenTrue(), locals)), text(lower(t.whenFalse(), locals))));
    }
    if (e instanceof Lambda l) return lambda(l, locals);
    if (e instanceof IfExpr i) return unknown("'if' stands only before a resource or module body, or as a loop's filter", i.span());
    return unknown("this expression is not understood", e.span());
  }

  private static Lowered.Expr ex(String text) {
    return new Lowered.Expr(text);
  }

  Lowered unknown(String reason, Span at) {
    return ex(lw.unknownText(reason, at == null ? null : at(at)));
  }

  private Lowered interpolation(Interp s, Locals locals) {
    StringBuilder format = new StringBuilder();
    List<String> args = new ArrayList<>();
    for (int i = 0; i < s.parts().size(); i++) {
      format.append(s.parts().get(i).replace("{", "{{").replace("}", "}}"));
      if (i < s.values().size()) {
        format.append('{').append(i).append('}');
        args.add(text(lower(s.values().get(i), locals)));
      }
    }
    List<String> all = new ArrayList<>();
    all.add(Lowered.quote(format.toString()));
    all.addAll(args);
    return ex(Lowered.call("format", all));
  }

  private Lowered identifier(Ident id, Locals locals) {
    Lowered local = locals.get(id.name());
    if (local != null) return local;
    Symbol s = lw.symbols.get(id.name());
    if (s == null) {
      lw.reading.error(at(id.span()), "'" + id.name() + "' is not declared");
      return unknown("'" + id.name() + "' is not declared", id.span());
    }
    return symbolValue(s, id.name(), id.span());
  }

  private Lowered symbolValue(Symbol s, String name, Span at) {
    if (s instanceof Symbol.Param p) return ex("parameters(" + Lowered.quote(p.name()) + ")");
    if (s instanceof Symbol.Var v) return ex("variables(" + Lowered.quote(v.armName()) + ")");
    if (s instanceof ResourceSym r) return new Lowered.Res(r, null);
    if (s instanceof ModuleSym m) return new Lowered.Mod(m, null);
    if (s instanceof Symbol.Namespace n) return new Lowered.Namespace(n);
    if (s instanceof Symbol.Missing m) {
      lw.reading.note("missing-import:" + m.reference() + ":" + m.name(), at(at), "'" + m.name() + "' is imported from " + m.reference()
          + ", which is not in the local restore cache; values that use it are unknown");
      return unknown("'" + m.name() + "' comes from " + m.reference() + ", which is not in the local restore cache", at);
    }
    lw.reading.error(at(at), "'" + name + "' is not a value");
    return unknown("'" + name + "' is not a value", at);
  }

  private Lowered object(ObjectExpr o, Locals locals) {
    boolean spread = false;
    for (Member m : o.members()) if (m instanceof Spread) spread = true;
    if (!spread) {
      List<Entry> entries = new ArrayList<>();
      for (Member m : o.members()) {
        if (!(m instanceof Property p)) continue;
        Lowered v = lower(p.value(), locals);
        if (p.key() instanceof StrLit k) entries.add(new Entry(k.value(), v, at(p.key().span())));
        else entries.add(new Entry(text(lower(p.key(), locals)), true, v, at(p.key().span())));
      }
      return new Obj(entries);
    }
    // {...a, k: v, ...b} is shallowMerge([a, {k: v}, b]): consecutive properties form one object
    List<String> parts = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (Member m : o.members()) {
      if (m instanceof Property p) {
        pending.add(text(lower(p.key(), locals)));
        pending.add(text(lower(p.value(), locals)));
      } else if (m instanceof Spread s) {
        if (!pending.isEmpty()) {
          parts.add(Lowered.call("createObject", pending));
          pending = new ArrayList<>();
        }
        parts.add(text(lower(s.value(), locals)));
      }
    }
    if (!pending.isEmpty()) parts.add(Lowered.call("createObject", pending));
    return ex(Lowered.call("shallowMerge", Lowered.call("createArray", parts)));
  }

  private Lowered array(ArrayExpr a, Locals locals) {
    boolean spread = a.items().stream().anyMatch(ArrayItem::spread);
    if (!spread) {
      List<Item> items = new ArrayList<>();
      for (ArrayItem i : a.items()) items.add(new Item(lower(i.value(), locals), at(i.span())));
      return new Arr(items);
    }
    // [...a, x, ...b] is flatten([a, [x], b])
    List<String> parts = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (ArrayItem i : a.items()) {
      if (i.spread()) {
        if (!pending.isEmpty()) {
          parts.add(Lowered.call("createArray", pending));
          pending = new ArrayList<>();
        }
        parts.add(text(lower(i.value(), locals)));
      } else {
        pending.add(text(lower(i.value(), locals)));
      }
    }
    if (!pending.isEmpty()) parts.add(Lowered.call("createArray", pending));
    return ex(Lowered.call("flatten", Lowered.call("createArray", parts)));
  }

  private Lowered lambda(Lambda l, Locals locals) {
    List<String> args = new ArrayList<>();
    Locals inner = locals;
    for (String p : l.parameters()) {
      args.add(Lowered.quote(p));
      inner = inner.with(p, ex("lambdaVariables(" + Lowered.quote(p) + ")"));
    }
    args.add(text(lower(l.body(), inner)));
    return ex(Lowered.call("lambda", args));
  }

  private Lowered unary(Unary u, Locals locals) {
    Lowered v = lower(u.operand(), locals);
    switch (u.op()) {
      case "!":
        return ex(Lowered.call("not", text(v)));
      case "-":
        if (v instanceof Lit lit && lit.value() instanceof Value.Num n) return Lowered.number(n.value().negate());
        return ex(Lowered.call("sub", "0", text(v)));
      default:
        return v;
    }
  }

  private Lowered binary(Binary b, Locals locals) {
    if (b.op().equals("??")) {
      // a ?? b ?? c is one coalesce(a, b, c)
      List<Syntax.Expr> operands = new ArrayList<>();
      Syntax.Expr cur = b;
      while (cur instanceof Binary c && c.op().equals("??")) {
        operands.add(0, c.right());
        cur = c.left();
      }
      operands.add(0, cur);
      List<String> args = new ArrayList<>();
      for (Syntax.Expr o : operands) args.add(text(lower(o, locals)));
      return ex(Lowered.call("coalesce", args));
    }
    String l = text(lower(b.left(), locals));
    String r = text(lower(b.right(), locals));
    return ex(switch (b.op()) {
      case "&&" -> Lowered.call("and", l, r);
      case "||" -> Lowered.call("or", l, r);
      case "==" -> Lowered.call("equals", l, r);
      case "!=" -> Lowered.call("not", Lowered.call("equals", l, r));
      case "=~" -> Lowered.call("equals", Lowered.call("toLower", l), Lowered.call("toLower", r));
      case "!~" -> Lowered.call("not", Lowered.call("equals", Lowered.call("toLower", l), Lowered.call("toLower", r)));
      case "<" -> Lowered.call("less", l, r);
      case "<=" -> Lowered.call("lessOrEquals", l, r);
      case ">" -> Lowered.call("greater", l, r);
      case ">=" -> Lowered.call("greaterOrEquals", l, r);
      case "+" -> Lowered.call("add", l, r);
      case "-" -> Lowered.call("sub", l, r);
      case "*" -> Lowered.call("mul", l, r);
      case "/" -> Lowered.call("div", l, r);
      case "%" -> Lowered.call("mod", l, r);
      default -> throw new IllegalStateException(b.op());
    });
  }

  // ------------------------------------------------------------------ functions

  /** Functions that only exist at compile time, or in parameters files. */
  private static final Set<String> FILE_FUNCTIONS =
      Set.of("loadTextContent", "loadJsonContent", "loadYamlContent", "loadFileAsBase64", "loadDirectoryFileInfo");

  private Lowered call(String name, List<Syntax.Expr> args, Syntax.Expr site, Locals locals) {
    Lowered local = locals.get(name);
    if (local == null) {
      Symbol s = lw.symbols.get(name);
      if (s instanceof Symbol.Func f) return ex(Lowered.call(f.armName(), texts(args, locals)));
      if (s instanceof Symbol.Missing m) return symbolValue(m, name, site.span());
    }
    return builtIn(name, args, site, locals);
  }

  private Lowered builtIn(String name, List<Syntax.Expr> args, Syntax.Expr site, Locals locals) {
    if (FILE_FUNCTIONS.contains(name)) return lw.loadFunction(name, args, site);
    switch (name) {
      case "any":
        return args.size() == 1 ? lower(args.get(0), locals) : unknown("any() takes one argument", site.span());
      case "readEnvironmentVariable":
        return unknown("readEnvironmentVariable(" + (args.isEmpty() ? "" : text(lower(args.get(0), locals)))
            + ") is read where the deployment runs", site.span());
      case "externalInput":
        return unknown("externalInput() is supplied at deployment", site.span());
      case "nameof":
        if (args.size() == 1) return Lowered.string(nameOf(args.get(0)));
        break;
      default:
        break;
    }
    return ex(Lowered.call(name, texts(args, locals)));
  }

  private static String nameOf(Syntax.Expr e) {
    if (e instanceof Ident i) return i.name();
    if (e instanceof PropertyAccess p) return p.name();
    if (e instanceof ChildAccess c) return c.name();
    return "";
  }

  private List<String> texts(List<Syntax.Expr> args, Locals locals) {
    List<String> out = new ArrayList<>(args.size());
    for (Syntax.Expr a : args) out.add(text(lower(a, locals)));
    return out;
  }

  private Lowered methodCall(MethodCall m, Locals locals) {
    // az.resourceGroup(), sys.concat(...): a namespace, unless a symbol of that name is declared
    if (m.target() instanceof Ident ns && (ns.name().equals("az") || ns.name().equals("sys")) && locals.get(ns.name()) == null
        && !lw.symbols.containsKey(ns.name())) {
      return builtIn(m.name(), m.args(), m, locals);
    }
    Lowered target = lower(m.target(), locals);
    if (target instanceof Lowered.Namespace n) {
      Symbol member = member(n.symbol(), m.name());
      if (member instanceof Symbol.Func f) return ex(Lowered.call(f.armName(), texts(m.args(), locals)));
      if (member instanceof Symbol.Missing miss) return symbolValue(miss, m.name(), m.span());
      return unknown("'" + m.name() + "' is not a function of " + n.symbol().from(), m.span());
    }
    if (target instanceof Lowered.Res r) {
      String id = lw.resourceId(r.symbol(), r.index());
      if (m.name().equals("getSecret") && m.args().size() == 1) return new Lowered.Secret(id, text(lower(m.args().get(0), locals)));
      List<String> args = new ArrayList<>();
      args.add(id);
      if (m.args().isEmpty()) args.add(Lowered.quote(r.symbol().api));
      else args.addAll(texts(m.args(), locals));
      return ex(Lowered.call(m.name(), args));
    }
    return unknown("'" + m.name() + "()' is called on a value that has no functions", m.span());
  }

  // ------------------------------------------------------------------ access chains

  private Lowered access(Syntax.Expr e, Locals locals) {
    if (e instanceof NonNull n) return lower(n.target(), locals);
    if (e instanceof ChildAccess c) {
      Lowered t = lower(c.target(), locals);
      if (t instanceof Lowered.Res r) {
        ResourceSym child = r.symbol().children.get(c.name());
        if (child != null) return new Lowered.Res(child, r.index());
        return unknown("'" + r.symbol().symbol + "' has no nested resource '" + c.name() + "'", c.span());
      }
      return unknown("'::' applies to resources only", c.span());
    }
    if (e instanceof IndexAccess ix) {
      Lowered t = lower(ix.target(), locals);
      Lowered index = lower(ix.index(), locals);
      if (t instanceof Lowered.Res r && r.index() == null && r.symbol().loop != null) return new Lowered.Res(r.symbol(), text(index));
      if (t instanceof Lowered.Mod m && m.index() == null && m.symbol().loop != null) return new Lowered.Mod(m.symbol(), text(index));
      if (t instanceof Lowered.Res || t instanceof Lowered.Mod) t = ex(text(t));
      String key = text(index);
      if (ix.safe()) return new Lowered.TryGet(text(t), List.of(key));
      if (t instanceof Lowered.TryGet tg) return appendKey(tg, key);
      return ex(text(t) + "[" + key + "]");
    }
    PropertyAccess p = (PropertyAccess) e;
    Lowered t = lower(p.target(), locals);
    if (t instanceof Lowered.Res r) return resourceProperty(r, p);
    if (t instanceof Lowered.Mod m) return moduleProperty(m, p);
    if (t instanceof Lowered.Outputs o) {
      if (o.safe() || p.safe()) return new Lowered.TryGet(o.ref(), List.of("'outputs'", key(p.name()), "'value'"));
      return ex(member(member(o.ref() + ".outputs", p.name()), "value"));
    }
    if (t instanceof Lowered.Namespace n) {
      Symbol member = member(n.symbol(), p.name());
      if (member == null) return unknown("'" + p.name() + "' is not exported by " + n.symbol().from(), p.span());
      return symbolValue(member, p.name(), p.span());
    }
    String key = key(p.name());
    if (p.safe()) return new Lowered.TryGet(text(t), List.of(key));
    if (t instanceof Lowered.TryGet tg) return appendKey(tg, key);
    return ex(member(text(t), p.name()));
  }

  private static Symbol member(Symbol.Namespace ns, String name) {
    Symbol s = ns.members().get(name);
    return s == null && !ns.available() ? new Symbol.Missing(name, ns.from()) : s;
  }

  private static String key(String name) {
    return Lowered.quote(name);
  }

  private static Lowered appendKey(Lowered.TryGet tg, String key) {
    List<String> keys = new ArrayList<>(tg.keys());
    keys.add(key);
    return new Lowered.TryGet(tg.base(), keys);
  }

  /** {@code target.name}, or {@code target['name']} where the name is not an identifier in ARM's grammar. */
  static String member(String target, String name) {
    boolean plain = !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
        && name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '$');
    return plain ? target + "." + name : target + "[" + Lowered.quote(name) + "]";
  }

  /**
   * A resource's property as the languageVersion 2.0 compiler writes it: {@code id} as a
   * resource ID, {@code name}, {@code type} and {@code apiVersion} from the declaration,
   * {@code properties} as {@code reference('symbol')}, anything else through the full
   * {@code reference('symbol', apiVersion, 'full')}.
   */
  private Lowered resourceProperty(Lowered.Res r, PropertyAccess p) {
    ResourceSym s = r.symbol();
    switch (p.name()) {
      case "id":
        return ex(lw.resourceId(s, r.index()));
      case "name":
        return lw.resourceName(s, r.index());
      case "type":
        return Lowered.string(s.type);
      case "apiVersion":
        return Lowered.string(s.api);
      case "properties":
        return ex(Lowered.call("reference", lw.referenceArg(s.symbol, r.index())));
      default:
        String full = Lowered.call("reference", lw.referenceArg(s.symbol, r.index()), Lowered.quote(s.api), "'full'");
        // r.?identity is tryGet(reference(..., 'full'), 'identity'), as the compiler writes it
        if (p.safe()) return new Lowered.TryGet(full, List.of(key(p.name())));
        return ex(member(full, p.name()));
    }
  }

  /** {@code m.outputs.x} is {@code reference('m').outputs.x.value}; {@code m.name} the deployment's name. */
  private Lowered moduleProperty(Lowered.Mod m, PropertyAccess p) {
    String ref = Lowered.call("reference", lw.referenceArg(m.symbol().symbol, m.index()));
    switch (p.name()) {
      case "name":
        return lw.moduleName(m.symbol(), m.index());
      case "outputs":
        if (p.safe()) {
          // m.?outputs.x: the compiler guards a conditional module's reference with its condition
          String cond = lw.moduleCondition(m.symbol(), m.index());
          return new Lowered.Outputs(cond == null ? ref : Lowered.call("if", cond, ref, "null()"), true);
        }
        return new Lowered.Outputs(ref, false);
      default:
        return ex(member(ref, p.name()));
    }
  }
}
