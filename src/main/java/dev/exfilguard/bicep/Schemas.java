package dev.exfilguard.bicep;

import dev.exfilguard.bicep.Syntax.*;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Type expressions and decorators as the compiler writes them into parameters, outputs,
 * function signatures and {@code definitions}: {@code type}, {@code nullable} (a parameter
 * {@code T?} without a value is null), {@code $ref} to a declared type, {@code allowedValues}
 * (from {@code @allowed} or a union of literals), {@code items}, {@code properties},
 * {@code minValue}/{@code maxValue}/{@code minLength}/{@code maxLength}, {@code securestring} and
 * {@code secureObject} from {@code @secure()}, and {@code metadata} from {@code @description},
 * {@code @metadata} and {@code @export}. Types derived from resource schemas
 * ({@code resourceInput<...>.properties.x}) are written without a type: the schema is not here.
 */
final class Schemas {
  private Schemas() {}

  private static final Set<String> PRIMITIVES = Set.of("string", "int", "bool", "object", "array");

  static Value declaration(TypeExpr type, List<Decorator> decorators, Lowering lw) {
    Span at = type != null ? type.span() : new Span(1, 1, 0, 1, 1, 0);
    return new Value.Obj(declarationFields(type, decorators, lw), Meta.explicit(lw.at(at)));
  }

  static Map<String, Value> declarationFields(TypeExpr type, List<Decorator> decorators, Lowering lw) {
    Map<String, Value> d = type == null ? new LinkedHashMap<>() : schema(type, lw);
    apply(decorators, d, lw);
    return d;
  }

  private static Meta meta(Lowering lw, Span s) {
    return Meta.explicit(lw.at(s));
  }

  static Map<String, Value> schema(TypeExpr t, Lowering lw) {
    Map<String, Value> d = new LinkedHashMap<>();
    Meta m = meta(lw, t.span());
    if (t instanceof TypeRef r) {
      ref(r.name(), d, m, lw);
    } else if (t instanceof TypeAccess a && a.base() instanceof TypeRef ns && (ns.name().equals("sys") || ns.name().equals("az"))) {
      ref(a.property(), d, m, lw);
    } else if (t instanceof TypeAccess a && a.base() instanceof TypeRef ns && lw.symbols.get(ns.name()) instanceof Symbol.Namespace n) {
      Symbol s = n.members().get(a.property());
      if (s instanceof Symbol.Type ty && ty.definition() != null) d.put("$ref", new Value.Str("#/definitions/" + ty.definition(), m));
    } else if (t instanceof TypeLiteral l) {
      Value v = literal(l.value(), m);
      if (v instanceof Value.Null) {
        d.put("nullable", new Value.Bool(true, m));
      } else {
        d.put("type", new Value.Str(baseType(v), m));
        d.put("allowedValues", new Value.Arr(List.of(v), m));
      }
    } else if (t instanceof TypeUnion u) {
      List<Value> allowed = new ArrayList<>();
      String base = null;
      boolean literals = true;
      boolean nullable = false;
      for (TypeExpr member : u.members()) {
        if (member instanceof TypeLiteral l) {
          Value v = literal(l.value(), m);
          if (v instanceof Value.Null) {
            nullable = true;
            continue;
          }
          String b = baseType(v);
          if (base != null && !base.equals(b)) literals = false;
          base = b;
          allowed.add(v);
        } else {
          literals = false;
        }
      }
      if (literals && base != null) {
        d.put("type", new Value.Str(base, m));
        d.put("allowedValues", new Value.Arr(allowed, m));
      } else if (!literals) {
        d.put("type", new Value.Str("object", m));
      }
      if (nullable) d.put("nullable", new Value.Bool(true, m));
    } else if (t instanceof TypeNullable n) {
      d.putAll(schema(n.inner(), lw));
      d.put("nullable", new Value.Bool(true, m));
    } else if (t instanceof TypeArray a) {
      d.put("type", new Value.Str("array", m));
      d.put("items", new Value.Obj(schema(a.element(), lw), meta(lw, a.element().span())));
    } else if (t instanceof TypeObject o) {
      d.put("type", new Value.Str("object", m));
      Map<String, Value> props = new LinkedHashMap<>();
      for (TypeProperty p : o.properties()) {
        Map<String, Value> ps = schema(p.type(), lw);
        apply(p.decorators(), ps, lw);
        props.put(p.name(), new Value.Obj(ps, meta(lw, p.span())));
      }
      if (!props.isEmpty()) d.put("properties", new Value.Obj(props, m));
      if (o.additional() != null) {
        Map<String, Value> ad = schema(o.additional().type(), lw);
        apply(o.additional().decorators(), ad, lw);
        d.put("additionalProperties", new Value.Obj(ad, meta(lw, o.additional().span())));
      }
    } else if (t instanceof TypeTuple tu) {
      d.put("type", new Value.Str("array", m));
      List<Value> items = new ArrayList<>();
      for (TypeProperty p : tu.items()) {
        Map<String, Value> ps = schema(p.type(), lw);
        apply(p.decorators(), ps, lw);
        items.add(new Value.Obj(ps, meta(lw, p.span())));
      }
      d.put("prefixItems", new Value.Arr(items, m));
      d.put("items", new Value.Bool(false, m));
    } else if (t instanceof TypeResource) {
      d.put("type", new Value.Str("string", m));
    } else if (t instanceof TypeGeneric g && (g.name().equals("resourceInput") || g.name().equals("resourceOutput"))) {
      d.put("type", new Value.Str("object", m));
    }
    return d;
  }

  private static void ref(String name, Map<String, Value> d, Meta m, Lowering lw) {
    Symbol s = lw.symbols.get(name);
    if (s instanceof Symbol.Type ty) {
      if (ty.definition() != null) d.put("$ref", new Value.Str("#/definitions/" + ty.definition(), m));
    } else if (PRIMITIVES.contains(name)) {
      d.put("type", new Value.Str(name, m));
    }
  }

  private static Value literal(Expr e, Meta m) {
    if (e instanceof StrLit s) return new Value.Str(s.value(), m);
    if (e instanceof IntLit i) return new Value.Num(new java.math.BigDecimal(i.value()), m);
    if (e instanceof BoolLit b) return new Value.Bool(b.value(), m);
    return new Value.Null(m);
  }

  private static String baseType(Value v) {
    if (v instanceof Value.Num) return "int";
    if (v instanceof Value.Bool) return "bool";
    return "string";
  }

  /** A decorator's name and arguments ({@code @description(...)} or {@code @sys.description(...)}). */
  private record Dec(String name, List<Expr> args, Span span) {}

  private static Optional<Dec> dec(Decorator d) {
    if (d.expression() instanceof Call c) return Optional.of(new Dec(c.name(), c.args(), d.span()));
    if (d.expression() instanceof MethodCall mc && mc.target() instanceof Ident ns && (ns.name().equals("sys") || ns.name().equals("az"))) {
      return Optional.of(new Dec(mc.name(), mc.args(), d.span()));
    }
    return Optional.empty();
  }

  /** The first argument of the named decorator, if present. */
  static Optional<Expr> decoratorArg(List<Decorator> decorators, String name) {
    for (Decorator d : decorators) {
      Optional<Dec> dd = dec(d);
      if (dd.isPresent() && dd.get().name().equals(name) && !dd.get().args().isEmpty()) return Optional.of(dd.get().args().get(0));
    }
    return Optional.empty();
  }

  /** {@code metadata} from {@code @description}, {@code @metadata} and {@code @export}, or empty. */
  static Optional<Value> metadata(List<Decorator> decorators, Lowering lw) {
    Map<String, Value> d = new LinkedHashMap<>();
    apply(decorators, d, lw);
    return Optional.ofNullable(d.get("metadata"));
  }

  private static void apply(List<Decorator> decorators, Map<String, Value> d, Lowering lw) {
    Map<String, Value> metadata = new LinkedHashMap<>();
    if (d.get("metadata") instanceof Value.Obj existing) metadata.putAll(existing.fields());
    Span metaAt = null;
    for (Decorator raw : decorators) {
      Optional<Dec> od = dec(raw);
      if (od.isEmpty()) continue;
      Dec dd = od.get();
      Meta m = meta(lw, dd.span());
      Value arg = dd.args().isEmpty() ? null : lw.ex.json(lw.ex.lower(dd.args().get(0), Locals.EMPTY), lw.at(dd.args().get(0).span()));
      switch (dd.name()) {
        case "description" -> {
          if (arg != null) metadata.put("description", arg);
          metaAt = dd.span();
        }
        case "metadata" -> {
          if (arg instanceof Value.Obj o) metadata.putAll(o.fields());
          metaAt = dd.span();
        }
        case "export" -> {
          metadata.put("__bicep_export!", new Value.Bool(true, m));
          metaAt = dd.span();
        }
        case "allowed" -> {
          if (arg != null) d.put("allowedValues", arg);
        }
        case "minValue", "maxValue", "minLength", "maxLength" -> {
          if (arg != null) d.put(dd.name(), arg);
        }
        case "secure" -> {
          String type = d.get("type") instanceof Value.Str s ? s.value() : "string";
          d.put("type", new Value.Str(type.equals("object") ? "secureObject" : "securestring", m));
        }
        case "sealed" -> d.put("additionalProperties", new Value.Bool(false, m));
        case "discriminator" -> {
          if (arg != null) d.put("discriminator", new Value.Obj(Map.of("propertyName", arg), m));
        }
        default -> {
        }
      }
    }
    if (!metadata.isEmpty()) d.put("metadata", new Value.Obj(metadata, meta(lw, metaAt != null ? metaAt : decorators.get(0).span())));
  }
}
