package dev.exfilguard.hcl;

import static dev.exfilguard.hcl.Hcl.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Syntax errors: exact line:column and a one-line reason. */
class HclErrorTest {

  @Test
  void unclosedBlockReportsWhereItStarted() {
    HclParseException e = Hcl.error("a = 1\n\nresource \"a\" \"b\" {\n  x = 1\n");
    assertEquals(5, e.line());
    assertEquals(1, e.column());
    assertTrue(e.getMessage().startsWith("unclosed block started at line 3"), e.getMessage());
    assertEquals("test.tf:5:1: " + e.getMessage(), e.located());
    assertEquals(e.located(), e.toString());
    assertEquals("test.tf", e.file());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(e.getMessage().contains("test.tf"));
  }

  @Test
  void unterminatedString() {
    assertError("a = 1\nb = \"abc\nc = 2\n", 2, 5, "unterminated string");
    assertError("b = \"abc", 1, 5, "unterminated string");
  }

  @Test
  void unterminatedHeredoc() {
    assertError("x = 1\ny = <<EOT\nline\nEOTX\n", 2, 5, "unterminated heredoc");
  }

  @Test
  void unterminatedComment() {
    assertError("a = 1\n  /* never closed\n", 2, 3, "unterminated comment");
  }

  @Test
  void garbageCharacters() {
    assertError("a = 1 @ 2\n", 1, 7, "unexpected character '@'");
    assertError("a = 1\nb = ^\n", 2, 5, "unexpected character '^'");
    assertError("a = \u0001\n", 1, 5, "unexpected character U+0001");
    assertError("a = b & c\n", 1, 7, "'&&'");
    assertError("a = 1 ~\n", 1, 7, "'~'");
  }

  @Test
  void missingEqualsOrBlock() {
    assertError("foo\n", 1, 4, "expected '=' or block after 'foo'");
    assertError("resource \"a\" \"b\"\n{\n}\n", 1, 17, "expected a block label or '{'");
  }

  @Test
  void unexpectedEndOfFile() {
    assertError("a = ", 1, 5, "unexpected end of file");
    assertError("a = [1, 2", 1, 10, "unexpected end of file");
    assertError("a = f(1,", 1, 9, "unexpected end of file");
  }

  @Test
  void twoAttributesOnOneLine() {
    assertError("a = 1 b = 2\n", 1, 7, "expected a newline after the attribute value");
  }

  @Test
  void blockFollowedByContentOnTheSameLine() {
    assertError("a {} b = 1\n", 1, 6, "expected a newline after the block");
  }

  @Test
  void duplicateAttribute() {
    assertError("a = 1\nb = 2\na = 3\n", 3, 1, "attribute 'a' is already defined at line 1");
  }

  @Test
  void strayClosingBrace() {
    assertError("a = 1\n}\n", 2, 1, "unexpected '}'");
  }

  @Test
  void singleLineBlockRules() {
    assertError("a { b {} }\n", 1, 5, "single-line block can only contain one attribute");
    assertError("a { b = 1\n}\n", 1, 10, "single-line block must close on the same line");
    assertError("a { b = 1, c = 2 }\n", 1, 10, "expected '}'");
  }

  @Test
  void objectItemsNeedSeparators() {
    assertError("a = { b = 1 c = 2 }\n", 1, 13, "expected ',', newline or '}'");
    assertError("a = { b 1 }\n", 1, 9, "expected '=' or ':' after the object key");
  }

  @Test
  void badEscapes() {
    assertError("a = \"x\\qy\"\n", 1, 7, "invalid escape sequence '\\q'");
    assertError("a = \"\\u12\"\n", 1, 6, "needs 4 hex digits");
  }

  @Test
  void templateErrors() {
    assertError("a = \"${x\n", 1, 6, "unclosed template sequence");
    assertError("a = \"%{ if x }y\"\n", 1, 6, "unclosed %{if}");
    assertError("a = \"y%{ endif }\"\n", 1, 7, "without a matching opening directive");
    assertError("a = \"%{ for x in y }a%{ endif }\"\n", 1, 22, "expected %{endfor}");
    assertError("a = \"%{ bogus }\"\n", 1, 9, "expected if, else, endif, for or endfor");
    assertError("resource \"a${b}\" \"c\" {}\n", 1, 12, "block labels cannot contain template sequences");
  }

  @Test
  void chainedLegacyIndexIsRejected() {
    assertError("a = x.0.1\n", 1, 7, "chained legacy indexes are not allowed");
  }

  @Test
  void unbalancedParentheses() {
    assertError("a = (1 + 2\nb = 3\n", 2, 1, "expected ')'");
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String[][] shapes = {
      {"[", "]"}, {"(", ")"}, {"{ a = ", " }"}, {"!", ""}, {"-", ""}, {"\"${", "}\""}, {"f(", ")"},
      {"[for x in ", " : x]"}, {"a ? b : ", ""},
    };
    for (String[] s : shapes) {
      String src = "v = " + s[0].repeat(100_000) + "1" + s[1].repeat(100_000) + "\n";
      HclParseException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Hcl.error(src));
      assertTrue(e.getMessage().contains("limit 500"), s[0] + " -> " + e.located());
    }
    String blocks = "a {\n".repeat(10_000) + "}\n".repeat(10_000);
    assertTrue(Hcl.error(blocks).getMessage().contains("limit 500"));
    String chain = "v = " + "1 + ".repeat(100_000) + "1\n";
    assertTrue(Hcl.error(chain).getMessage().contains("limit 500"));
    String wraps = "v = f()" + ".a".repeat(10) + "[0].b".repeat(100_000) + "\n";
    assertTrue(Hcl.error(wraps).getMessage().contains("limit 500"));
  }

  @Test
  void reasonableNestingParses() {
    String src = "v = " + "[".repeat(100) + "1" + "]".repeat(100) + "\n";
    Hcl.parse(src);
    Hcl.parse("v = " + "\"${".repeat(60) + "x" + "}\"".repeat(60) + "\n");
    Hcl.parse("a {\n".repeat(100) + "}\n".repeat(100));
    Hcl.parse("v = " + "a.b".repeat(1) + ".c".repeat(100_000) + "\n");
  }

  /** Random token soup must end in a result or a parse error, quickly, never anything else. */
  @Test
  void randomInputNeverHangsOrCrashes() {
    String[] atoms = {
      "a", "b", " ", "\n", "=", "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "~", "}", "<<EOT\n", "EOT\n",
      "<<-X\n", "X", "1", "1.5e3", ".", "*", ",", ":", "?", "=>", "...", "for", "in", "if", "endif", "#", "/*",
      "*/", "\\", "-", "!", "&&", "||", "\r\n", "\uFEFF", "é",
    };
    Random rnd = new Random(42);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 20_000; i++) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(40);
        for (int k = 0; k < n; k++) {
          sb.append(atoms[rnd.nextInt(atoms.length)]);
        }
        String src = sb.toString();
        try {
          HclParser.parse("fuzz.tf", src);
        } catch (HclParseException e) {
          assertTrue(e.line() >= 1 && e.column() >= 1, "bad position for " + src);
          assertFalse(e.getMessage().isBlank());
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError("crash on input " + escape(src), e);
        }
      }
    });
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }
}
