package dev.exfilguard.arm.expr;

import java.math.BigDecimal;
import java.util.List;

/** The AST of one ARM template language expression (the text between {@code [} and {@code ]}). */
public sealed interface Expr {

  record StrLit(String value) implements Expr {}

  record NumLit(BigDecimal value) implements Expr {}

  /**
   * {@code name(args)}; {@code name} may carry a namespace ({@code __bicep.myFn}). {@code key}
   * is the lower-case name functions are looked up by, computed once per parsed expression
   * rather than at every evaluation (copy loops and lambdas evaluate the same call many times).
   */
  record Call(String name, List<Expr> args, String key) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    public Call(String name, List<Expr> args) {
      this(name, args, name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** {@code target.name} */
  record Member(Expr target, String name) implements Expr {}

  /** {@code target[index]} */
  record Index(Expr target, Expr index) implements Expr {}
}
