package dev.exfilguard.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.hcl.ObjectCons.ObjectItem;
import dev.exfilguard.hcl.TemplatePart.TemplateFor;
import dev.exfilguard.hcl.TemplatePart.TemplateIf;
import dev.exfilguard.hcl.TemplatePart.TemplateInterpolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For every expression of every corpus file and fixture: sourceText is exactly the source
 * slice of its range, and line/column agree with the offset.
 */
class SourceRangeTest {

  @Test
  void everyExpressionsSourceTextIsItsRangeSlice() throws Exception {
    List<Path> files = new ArrayList<>(TestFiles.corpusHclFiles());
    files.addAll(TestFiles.oracleFixtures());
    int[] checked = {0};
    for (Path f : files) {
      String src = TestFiles.read(f);
      Body b = HclParser.parse(f.toString(), src);
      walk(b, src, checked);
    }
    assertTrue(checked[0] > 1000, "too few expressions checked: " + checked[0]);
  }

  private static void walk(Body b, String src, int[] checked) {
    for (Attribute a : b.attributes()) {
      checkPos(a.range().start(), src);
      assertEquals(a.name(), slice(a.nameRange(), src));
      assertTrue(slice(a.range(), src).endsWith(a.expr().sourceText()));
      expr(a.expr(), src, checked);
    }
    for (Block bl : b.blocks()) {
      assertTrue(slice(bl.range(), src).startsWith(bl.type()));
      assertTrue(slice(bl.range(), src).endsWith("}"));
      for (int i = 0; i < bl.labels().size(); i++) {
        assertTrue(slice(bl.labelRanges().get(i), src).contains(bl.labels().get(i)));
      }
      walk(bl.body(), src, checked);
    }
  }

  private static void expr(Expression e, String src, int[] checked) {
    checked[0]++;
    checkPos(e.range().start(), src);
    checkPos(e.range().end(), src);
    assertEquals(slice(e.range(), src), e.sourceText(), "at " + e.range());
    if (e instanceof TemplateExpr t) {
      parts(t.parts(), src, checked);
    } else if (e instanceof ScopeTraversal t) {
      steps(t.steps(), src, checked);
    } else if (e instanceof SplatExpr s) {
      expr(s.source(), src, checked);
      steps(s.each(), src, checked);
    } else if (e instanceof FunctionCall c) {
      c.args().forEach(a -> expr(a, src, checked));
    } else if (e instanceof ConditionalExpr c) {
      expr(c.cond(), src, checked);
      expr(c.trueExpr(), src, checked);
      expr(c.falseExpr(), src, checked);
    } else if (e instanceof BinaryOp o) {
      expr(o.left(), src, checked);
      expr(o.right(), src, checked);
    } else if (e instanceof UnaryOp u) {
      expr(u.operand(), src, checked);
    } else if (e instanceof TupleCons t) {
      t.items().forEach(i -> expr(i, src, checked));
    } else if (e instanceof ObjectCons o) {
      for (ObjectItem i : o.items()) {
        expr(i.key(), src, checked);
        expr(i.value(), src, checked);
      }
    } else if (e instanceof ForExpr f) {
      expr(f.coll(), src, checked);
      if (f.keyExpr() != null) {
        expr(f.keyExpr(), src, checked);
      }
      expr(f.valueExpr(), src, checked);
      if (f.cond() != null) {
        expr(f.cond(), src, checked);
      }
    } else if (e instanceof IndexExpr i) {
      expr(i.coll(), src, checked);
      expr(i.key(), src, checked);
    } else if (e instanceof GetAttrExpr g) {
      expr(g.source(), src, checked);
    } else if (e instanceof Parenthesized p) {
      expr(p.inner(), src, checked);
    } else if (e instanceof ObjectKey k) {
      assertEquals(k.name(), k.sourceText());
    }
  }

  private static void steps(List<Traverser> steps, String src, int[] checked) {
    for (Traverser t : steps) {
      checkPos(t.range().start(), src);
      if (t instanceof Traverser.IndexStep is) {
        expr(is.key(), src, checked);
      }
    }
  }

  private static void parts(List<TemplatePart> parts, String src, int[] checked) {
    for (TemplatePart p : parts) {
      checkPos(p.range().start(), src);
      if (p instanceof TemplateInterpolation i) {
        expr(i.expr(), src, checked);
      } else if (p instanceof TemplateIf i) {
        expr(i.cond(), src, checked);
        parts(i.then(), src, checked);
        parts(i.otherwise(), src, checked);
      } else if (p instanceof TemplateFor f) {
        expr(f.coll(), src, checked);
        parts(f.body(), src, checked);
      }
    }
  }

  private static String slice(Range r, String src) {
    return src.substring(r.start().offset(), r.end().offset());
  }

  /** Recomputes line and column from the offset. */
  private static void checkPos(Pos p, String src) {
    int line = 1;
    int lineStart = src.startsWith("\uFEFF") ? 1 : 0;
    for (int i = 0; i < p.offset(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    assertEquals(line + ":" + (p.offset() - lineStart + 1), p.line() + ":" + p.column(), "offset " + p.offset());
  }
}
