package dev.exfilguard.arm.expr;

import java.math.BigDecimal;
import java.util.List;

/** The AST of one ARM template language expression (the text between {@code [} and {@code ]}). */
public sealed interface Expr {

  record StrLit(String value) implements Expr {}

  record NumLit(BigDecimal value) implements Expr {}

  /** {@code name(args)}; {@code name} may carry a namespace ({@code __bicep.myFn}). */
  record Call(String name, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code target.name} */
  record Member(Expr target, String name) implements Expr {}

  /** {@code target[index]} */
  record Index(Expr target, Expr index) implements Expr {}
}
