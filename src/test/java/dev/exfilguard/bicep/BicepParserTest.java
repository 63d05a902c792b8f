package dev.exfilguard.bicep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.bicep.Syntax.*;
import dev.exfilguard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser: every declaration and expression form, positions, and one clear line for bad input. */
class BicepParserTest {

  private static Program parse(String src) throws BicepParseException {
    return BicepParser.parse("main.bicep", src);
  }

  private static Expr value(String expr) throws BicepParseException {
    return ((Var) parse("var x = " + expr + "\n").statements().get(0)).value();
  }

  private static String error(String src) {
    return assertThrows(BicepParseException.class, () -> parse(src)).located();
  }

  @Test
  void everyDeclarationKindParses() throws Exception {
    String text = Files.readString(Fixtures.repo().resolve("testdata/bicep/syntax/everything.bicep"), StandardCharsets.UTF_8);
    Program p = BicepParser.parse("everything.bicep", text);
    String kinds = p.statements().stream().map(s -> s.getClass().getSimpleName()).distinct().sorted().collect(Collectors.joining(","));
    assertEquals("Extension,Func,Import,Metadata,ModuleDecl,Output,Param,ResourceDecl,TargetScope,TypeDecl,Var", kinds);
    Program params = BicepParser.parse("params.bicepparam",
        Files.readString(Fixtures.repo().resolve("testdata/bicep/syntax/params.bicepparam"), StandardCharsets.UTF_8));
    assertInstanceOf(Using.class, params.statements().get(0));
    assertInstanceOf(Extends.class, params.statements().get(1));
    assertTrue(((Param) params.statements().get(4)).type() == null, "a parameters file's param has no type");
  }

  @Test
  void theSyntaxFileReadsWithoutAnErrorEither() {
    var r = Bicep.read("testdata/bicep/syntax/everything.bicep");
    assertEquals(List.of(), Bicep.errors(r));
  }

  @Test
  void spansCoverTheSource() throws Exception {
    String src = "param p string = 'x'\n\nresource r 'A.B/c@2020-01-01' = {\n  name: 'n-${p}'\n}\n";
    Program prog = parse(src);
    ResourceDecl r = (ResourceDecl) prog.statements().get(1);
    assertEquals(3, r.span().line());
    assertEquals(1, r.span().column());
    Property name = (Property) ((ObjectExpr) r.body()).members().get(0);
    assertEquals(4, name.span().line());
    assertEquals(3, name.span().column());
    assertEquals("'n-${p}'", src.substring(name.value().span().offset(), name.value().span().endOffset()));
  }

  @Test
  void operatorsFollowBicepsPrecedence() throws Exception {
    // ?? binds loosest of the binary operators, && tighter than ||, ternary lowest
    Ternary t = (Ternary) value("a ?? b && c || d ? 1 + 2 * 3 : -4");
    Binary coalesce = (Binary) t.condition();
    assertEquals("??", coalesce.op());
    assertEquals("||", ((Binary) coalesce.right()).op());
    assertEquals("&&", ((Binary) ((Binary) coalesce.right()).left()).op());
    assertEquals("*", ((Binary) ((Binary) t.whenTrue()).right()).op());
    assertInstanceOf(Unary.class, t.whenFalse());
  }

  @Test
  void accessChains() throws Exception {
    NonNull n = (NonNull) value("a.?b[?0]::c.d!");
    PropertyAccess d = (PropertyAccess) n.target();
    ChildAccess c = (ChildAccess) d.target();
    IndexAccess i = (IndexAccess) c.target();
    assertTrue(i.safe());
    assertTrue(((PropertyAccess) i.target()).safe());
    assertInstanceOf(MethodCall.class, value("storage.listKeys('2023-01-01')"));
  }

  @Test
  void stringsInterpolationAndEscapes() throws Exception {
    Interp s = (Interp) value("'a${b}c${'d${e}'}\\$f'");
    assertEquals(List.of("a", "c", "$f"), s.parts());
    assertInstanceOf(Interp.class, s.values().get(1));
    assertEquals("it's\n\t\u00e9", ((StrLit) value("'it\\'s\\n\\t\\u{e9}'")).value());
    assertEquals("x\n'y'\n", ((StrLit) value("'''\nx\n'y'\n'''")).value());
    assertEquals("{ not: interpolated ${x} }", ((StrLit) value("'''{ not: interpolated ${x} }'''")).value());
  }

  @Test
  void loopsConditionsAndLambdas() throws Exception {
    ForExpr f = (ForExpr) value("[for (x, i) in xs: if (x.on) { n: i }]");
    assertEquals("x", f.item());
    assertEquals("i", f.index());
    assertInstanceOf(IfExpr.class, f.body());
    Lambda l = (Lambda) ((Call) value("map(xs, (a, b) => a + b)")).args().get(1);
    assertEquals(List.of("a", "b"), l.parameters());
    assertInstanceOf(Lambda.class, ((Call) value("filter(xs, x => x > 1)")).args().get(1));
  }

  @Test
  void objectsAndArraysOnOneLineOrMany() throws Exception {
    ObjectExpr o = (ObjectExpr) value("{ a: 1, 'b-c': [1, 2], ...d }");
    assertEquals(3, o.members().size());
    assertInstanceOf(Spread.class, o.members().get(2));
    ArrayExpr a = (ArrayExpr) value("[\n  1\n  -2\n  ...x\n]");
    assertEquals(3, a.items().size(), "a line starting with '-' is a new item");
    assertTrue(a.items().get(2).spread());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "unterminated string | var x = 'abc\\n | main.bicep:1:9: unterminated string: missing closing '",
    "unterminated multi-line | var x = '''abc | main.bicep:1:9: unterminated multi-line string: missing closing '''",
    "unterminated comment | /* never closed | main.bicep:1:1: unterminated comment: missing '*/'",
    "truncated object | resource r 'a/b@1' = {\\n  name: 'x'\\n | main.bicep:3:1: unexpected end of file: expected a property name",
    "truncated interpolation | var x = 'a${b | main.bicep:1:14: unterminated string interpolation: missing '}'",
    "double quotes | var x = \"a\" | main.bicep:1:9: unexpected character '\"': Bicep strings are quoted with '",
    "csharp safe access | var x = a?.b | main.bicep:1:10: '?.' is not Bicep: safe property access is written '.?'",
    "bad escape | var x = 'a\\q' | main.bicep:1:11: invalid escape sequence '\\q' (Bicep knows \\\\ \\' \\n \\r \\t \\$ \\u{...})",
    "missing body | resource r 'a/b@1' = 3 | main.bicep:1:22: expected the resource body ('{', 'if' or '[for'), found number 3",
    "two declarations on a line | var a = 1 var b = 2 | main.bicep:1:11: expected a line break after the declaration, found 'var'",
    "not a declaration | foo = 1 | main.bicep:1:1: expected a declaration (param, var, resource, module, output, ...), found 'foo'",
  })
  void badInputIsOneLocatedLine(String what, String src, String expected) {
    assertEquals(expected, error(src.replace("\\n", "\n")), what);
  }

  @Test
  void aControlCharacterIsNamed() {
    assertEquals("main.bicep:1:10: unexpected character U+0001", error("var x = 1\u0001"));
  }

  @Test
  void nestingIsLimitedNotAStackOverflow() {
    String deep = "var x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertTrue(error(deep).matches("main\\.bicep:1:\\d+: nesting too deep \\(limit 500 levels\\)"), error(deep));
    String parens = "var x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n";
    assertTrue(error(parens).contains("nesting too deep"), error(parens));
    String ops = "var x = 1" + " + 1".repeat(5000) + "\n";
    assertTrue(error(ops).contains("too deeply nested"), error(ops));
    String nots = "var x = " + "!".repeat(5000) + "true\n";
    assertTrue(error(nots).contains("too deeply nested"), error(nots));
  }

  @Test
  void aDeepButLegalFileStillParsesOnASmallStack() throws Exception {
    String nested = "var x = " + "{ a: ".repeat(200) + "1" + " }".repeat(200) + "\n";
    java.util.concurrent.atomic.AtomicReference<String> outcome = new java.util.concurrent.atomic.AtomicReference<>("did not run");
    Thread t = new Thread(null, () -> {
      try {
        parse(nested);
        outcome.set("parsed");
      } catch (BicepParseException e) {
        outcome.set(e.getMessage());
      } catch (Throwable e) {
        outcome.set(e.getClass().getSimpleName());
      }
    }, "small-stack", 64 * 1024);
    t.start();
    t.join();
    // either it fits, or it says so in one line: never a StackOverflowError
    assertTrue(outcome.get().equals("parsed") || outcome.get().startsWith("nesting too deep for the available thread stack"), outcome.get());
  }
}
