package dev.exfilguard.bicep;

/** A {@code module} declaration as a symbol: its deployment's loop, condition and body. */
final class ModuleSym implements Symbol {
  final Lowering owner;
  final String symbol;
  final Syntax.ModuleDecl decl;
  final Syntax.ForExpr loop;
  final Syntax.Expr condition;
  final Syntax.ObjectExpr body;

  ModuleSym(Lowering owner, String symbol, Syntax.ModuleDecl decl, Syntax.ForExpr loop, Syntax.Expr condition, Syntax.ObjectExpr body) {
    this.owner = owner;
    this.symbol = symbol;
    this.decl = decl;
    this.loop = loop;
    this.condition = condition;
    this.body = body;
  }

  Syntax.Expr property(String name) {
    return body == null ? null : Lowering.property(body, name);
  }
}
