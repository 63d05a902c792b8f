package dev.exfilguard.bicep;

import java.math.BigInteger;
import java.util.List;

/**
 * The Bicep syntax tree: statements, expressions and type expressions, each with its
 * {@link Span}. Nothing is resolved or evaluated here; names are as written.
 */
public final class Syntax {
  private Syntax() {}

  /** A parsed {@code .bicep} or {@code .bicepparam} file. */
  public record Program(String file, List<Stmt> statements) {}

  // ------------------------------------------------------------------ statements

  /** {@code @name(args)} before a statement, an object type property or a tuple item. */
  public record Decorator(Expr expression, Span span) {}

  public sealed interface Stmt {
    Span span();

    default List<Decorator> decorators() {
      return List.of();
    }
  }

  public record TargetScope(Expr value, Span span) implements Stmt {}

  public record Metadata(List<Decorator> decorators, String name, Expr value, Span span) implements Stmt {}

  /**
   * {@code param name type = default}; in a {@code .bicepparam} file {@code param name = value},
   * where {@code type} is null. A resource-typed parameter has a {@link TypeResource} type.
   */
  public record Param(List<Decorator> decorators, String name, TypeExpr type, Expr value, Span span) implements Stmt {}

  public record Var(List<Decorator> decorators, String name, TypeExpr type, Expr value, Span span) implements Stmt {}

  public record Output(List<Decorator> decorators, String name, TypeExpr type, Expr value, Span span) implements Stmt {}

  /**
   * {@code resource name 'type@version' [existing] = body}; the body is an object, an
   * {@link IfExpr} over one, or a {@link ForExpr} (whose body may be an {@code IfExpr}).
   */
  public record ResourceDecl(List<Decorator> decorators, String name, StrLit type, boolean existing, Expr body, Span span)
      implements Stmt {}

  public record ModuleDecl(List<Decorator> decorators, String name, StrLit path, Expr body, Span span) implements Stmt {}

  public record TypeDecl(List<Decorator> decorators, String name, TypeExpr type, Span span) implements Stmt {}

  public record Func(List<Decorator> decorators, String name, List<TypedParam> parameters, TypeExpr result, Expr body, Span span)
      implements Stmt {}

  public record TypedParam(String name, TypeExpr type, Span span) {}

  /**
   * Compile-time import: {@code import {a, b as c} from 'path'} (items) or
   * {@code import * as ns from 'path'} (wildcard alias, items null).
   */
  public record Import(List<Decorator> decorators, List<ImportItem> items, String wildcard, StrLit from, Span span) implements Stmt {}

  public record ImportItem(String name, String alias, Span span) {}

  /** {@code extension x}, {@code provider 'az@1.0.0'}, and the older {@code import 'az@1.0.0'}. */
  public record Extension(List<Decorator> decorators, String spec, Expr config, String alias, Span span) implements Stmt {}

  /** {@code using './main.bicep'} in a parameters file; {@code path} null for {@code using none}. */
  public record Using(StrLit path, Span span) implements Stmt {}

  public record Extends(StrLit path, Span span) implements Stmt {}

  /** {@code assert name = condition} (experimental) and {@code test name 'path' = {...}}: read, not used. */
  public record Ignored(List<Decorator> decorators, String keyword, Span span) implements Stmt {}

  // ------------------------------------------------------------------ expressions

  public sealed interface Expr {
    Span span();
  }

  public record StrLit(String value, Span span) implements Expr {}

  /** An interpolated string: {@code parts.size() == values.size() + 1}. */
  public record Interp(List<String> parts, List<Expr> values, Span span) implements Expr {}

  public record IntLit(BigInteger value, Span span) implements Expr {}

  public record BoolLit(boolean value, Span span) implements Expr {}

  public record NullLit(Span span) implements Expr {}

  public record Ident(String name, Span span) implements Expr {}

  public record ObjectExpr(List<Member> members, Span span) implements Expr {}

  /** What an object holds: properties, spreads, and (in resource bodies) nested resources. */
  public sealed interface Member {
    Span span();
  }

  /** {@code key: value}; the key is a {@link StrLit} (identifiers included) or an {@link Interp}. */
  public record Property(Expr key, Expr value, Span span) implements Member {}

  public record Spread(Expr value, Span span) implements Member {}

  public record NestedResource(ResourceDecl resource) implements Member {
    @Override
    public Span span() {
      return resource.span();
    }
  }

  public record ArrayExpr(List<ArrayItem> items, Span span) implements Expr {}

  public record ArrayItem(Expr value, boolean spread, Span span) {}

  /** {@code [for item in iterable: body]}, {@code [for (item, index) in ...]}; index may be null. */
  public record ForExpr(String item, String index, Expr iterable, Expr body, Span span) implements Expr {}

  /** {@code if (condition) body} as a resource or module body, or a loop's filter. */
  public record IfExpr(Expr condition, Expr body, Span span) implements Expr {}

  public record Call(String name, List<Expr> args, Span span) implements Expr {}

  /** {@code target.name(args)}: a resource function, or a namespaced function ({@code az.resourceGroup()}). */
  public record MethodCall(Expr target, String name, List<Expr> args, Span span) implements Expr {}

  /** {@code target.name}, or {@code target.?name} when {@code safe}. */
  public record PropertyAccess(Expr target, String name, boolean safe, Span span) implements Expr {}

  /** {@code target[index]}, or {@code target[?index]} when {@code safe}. */
  public record IndexAccess(Expr target, Expr index, boolean safe, Span span) implements Expr {}

  /** {@code parent::child}. */
  public record ChildAccess(Expr target, String name, Span span) implements Expr {}

  /** {@code target!}: asserts non-null, evaluates to the target. */
  public record NonNull(Expr target, Span span) implements Expr {}

  public record Unary(String op, Expr operand, Span span) implements Expr {}

  public record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

  public record Ternary(Expr condition, Expr whenTrue, Expr whenFalse, Span span) implements Expr {}

  public record Lambda(List<String> parameters, Expr body, Span span) implements Expr {}

  // ------------------------------------------------------------------ types

  public sealed interface TypeExpr {
    Span span();
  }

  /** {@code string}, {@code int}, a declared type, or a qualified one ({@code ns.myType}, {@code sys.string}). */
  public record TypeRef(String name, Span span) implements TypeExpr {}

  /** A literal type: {@code 'a'}, {@code 3}, {@code -3}, {@code true}. */
  public record TypeLiteral(Expr value, Span span) implements TypeExpr {}

  /** {@code resourceInput<'type@version'>} and the like. */
  public record TypeGeneric(String name, List<TypeExpr> args, Span span) implements TypeExpr {}

  /** {@code base.property}. */
  public record TypeAccess(TypeExpr base, String property, Span span) implements TypeExpr {}

  /** {@code base[0]} or {@code base[*]} (index null). */
  public record TypeIndex(TypeExpr base, Integer index, Span span) implements TypeExpr {}

  public record TypeArray(TypeExpr element, Span span) implements TypeExpr {}

  public record TypeNullable(TypeExpr inner, Span span) implements TypeExpr {}

  public record TypeUnion(List<TypeExpr> members, Span span) implements TypeExpr {}

  /** An object type; {@code additional} is the {@code *: type} entry, or null. */
  public record TypeObject(List<TypeProperty> properties, TypeProperty additional, Span span) implements TypeExpr {}

  public record TypeProperty(List<Decorator> decorators, String name, TypeExpr type, Span span) {}

  public record TypeTuple(List<TypeProperty> items, Span span) implements TypeExpr {}

  /** {@code resource 'type@version'} as a parameter or output type. */
  public record TypeResource(StrLit type, Span span) implements TypeExpr {}
}
