package dev.exfilguard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Origin;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TreeReaderTest {
  private static final String F = "t/azuredeploy.json";

  private static Value at(Value root, String path) {
    return Paths.get(root, path).orElseThrow(() -> new AssertionError("nothing at " + path));
  }

  private static Location loc(int line, int col) {
    return new Location(F, line, col);
  }

  @Test
  void everyNodeKeepsLineAndColumnOfItsFirstCharacter() throws Exception {
    String json = "{\n"
        + "  \"name\": \"nsg-ml\",\n"
        + "  \"rules\": [\n"
        + "    { \"priority\": 100, \"allow\": true },\n"
        + "    null\n"
        + "  ],\n"
        + "  \"ratio\": 0.5\n"
        + "}\n";
    Value root = TreeReader.readJson(F, json);
    assertEquals(loc(1, 1), root.location());
    assertEquals(loc(2, 11), at(root, "name").location());
    assertEquals(loc(3, 12), at(root, "rules").location());
    assertEquals(loc(4, 5), at(root, "rules[0]").location());
    assertEquals(loc(4, 19), at(root, "rules[0].priority").location());
    assertEquals(loc(4, 33), at(root, "rules[0].allow").location());
    assertEquals(loc(5, 5), at(root, "rules[1]").location());
    assertEquals(loc(7, 12), at(root, "ratio").location());
    assertEquals(Origin.EXPLICIT, at(root, "name").meta().origin());
  }

  @Test
  void scalarsKeepTheirTypes() throws Exception {
    Value root = TreeReader.readJson(F, "{\"s\":\"x\",\"i\":443,\"d\":1.50,\"t\":true,\"f\":false,\"n\":null}");
    assertEquals("x", ((Value.Str) at(root, "s")).value());
    assertEquals(0, new BigDecimal("443").compareTo(((Value.Num) at(root, "i")).value()));
    assertEquals(0, new BigDecimal("1.5").compareTo(((Value.Num) at(root, "d")).value()));
    assertTrue(((Value.Bool) at(root, "t")).value());
    assertFalse(((Value.Bool) at(root, "f")).value());
    assertInstanceOf(Value.Null.class, at(root, "n"));
  }

  @Test
  void keysKeepSourceOrderAndLookupIgnoresCase() throws Exception {
    Value.Obj root = (Value.Obj) TreeReader.readJson(F, "{\"b\":1,\"a\":2,\"Properties\":{\"X\":3}}");
    assertEquals(java.util.List.of("b", "a", "Properties"), java.util.List.copyOf(root.fields().keySet()));
    assertEquals(0, BigDecimal.valueOf(3).compareTo(((Value.Num) at(root, "properties.x")).value()));
  }

  @Test
  void commentsAreSkippedAndDoNotShiftPositions() throws Exception {
    String json = "// header comment\n"
        + "{\n"
        + "  /* block\n"
        + "     comment */ \"a\": 1, // trailing\n"
        + "  \"b\": /* inline */ \"two\"\n"
        + "}\n";
    Value root = TreeReader.readJson(F, json);
    assertEquals(loc(2, 1), root.location());
    assertEquals(loc(4, 22), at(root, "a").location());
    assertEquals(loc(5, 21), at(root, "b").location());
    assertEquals("two", ((Value.Str) at(root, "b")).value());
  }

  @Test
  void trailingCommasInObjectsAndArraysAreAccepted() throws Exception {
    Value root = TreeReader.readJson(F, "{\n  \"a\": [1, 2, ],\n  \"b\": {\"c\": 3,},\n}\n");
    assertEquals(2, ((Value.Arr) at(root, "a")).items().size());
    assertEquals(1, ((Value.Obj) at(root, "b")).fields().size());
    assertEquals(2, ((Value.Obj) root).fields().size());
  }

  @Test
  void rawControlCharactersInsideStringsAreKept() throws Exception {
    Value root = TreeReader.readJson(F, "{\"script\": \"line one\nline\ttwo\"}");
    assertEquals("line one\nline\ttwo", ((Value.Str) at(root, "script")).value());
  }

  @Test
  void byteOrderMarkIsIgnoredAndColumnsStartAfterIt() throws Exception {
    Value root = TreeReader.readJson(F, "\uFEFF{\"a\": 1}");
    assertEquals(loc(1, 1), root.location());
    assertEquals(loc(1, 7), at(root, "a").location());
  }

  @Test
  void emptyAndWhitespaceOnlyFilesAreErrorsAtLineOne() {
    for (String text : new String[] {"", "   \n  \n", "\uFEFF", "// only a comment\n"}) {
      SourceSyntaxException e = assertThrows(SourceSyntaxException.class, () -> TreeReader.readJson(F, text));
      assertEquals(loc(1, 1), e.location(), text);
      assertEquals("empty file", e.getMessage());
    }
  }

  @Test
  void binaryFileIsRejectedWithoutParsing() {
    SourceSyntaxException e = assertThrows(SourceSyntaxException.class, () -> TreeReader.readJson(F, "{\"a\":\u0000}"));
    assertEquals(loc(1, 1), e.location());
    assertTrue(e.getMessage().contains("binary"), e.getMessage());
  }

  @Test
  void truncatedFileIsReportedAsTruncatedAtTheEnd() {
    SourceSyntaxException e = assertThrows(SourceSyntaxException.class,
        () -> TreeReader.readJson(F, "{\n  \"a\": [1,\n  2\n"));
    assertEquals("truncated JSON: unexpected end of file", e.getMessage());
    assertEquals(F, e.location().file());
    assertTrue(e.location().line() >= 3, e.location().toString());
  }

  @Test
  void contentAfterTheDocumentIsReportedWhereItStarts() {
    SourceSyntaxException e = assertThrows(SourceSyntaxException.class,
        () -> TreeReader.readJson(F, "{\"a\": 1}\n\n  {\"b\": 2}\n"));
    assertEquals(loc(3, 3), e.location());
    assertTrue(e.getMessage().contains("after the JSON document"), e.getMessage());
  }

  @Test
  void syntaxErrorHasLocationAndOneLineReason() {
    SourceSyntaxException e = assertThrows(SourceSyntaxException.class,
        () -> TreeReader.readJson(F, "{\n  \"a\": 1,\n  \"b\" 2\n}\n"));
    assertEquals(3, e.location().line());
    assertEquals(7, e.location().column());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void scalarDocumentIsAValue() throws Exception {
    Value v = TreeReader.readJson(F, "  \"just a string\"");
    assertEquals(loc(1, 3), v.location());
    assertEquals("just a string", ((Value.Str) v).value());
  }

  @Test
  void yamlPositionsPointAtValues() throws Exception {
    String yaml = "id: AMLX-99\n"
        + "resources:\n"
        + "  - Microsoft.Network/networkSecurityGroups\n"
        + "when:\n"
        + "  field: properties.x\n"
        + "  equals: true\n";
    Value root = TreeReader.readYaml("rules/x.yaml", yaml);
    assertEquals(new Location("rules/x.yaml", 1, 5), at(root, "id").location());
    assertEquals(new Location("rules/x.yaml", 3, 3), at(root, "resources").location());
    assertEquals(new Location("rules/x.yaml", 3, 5), at(root, "resources[0]").location());
    assertEquals(new Location("rules/x.yaml", 5, 3), at(root, "when").location());
    assertEquals(new Location("rules/x.yaml", 6, 11), at(root, "when.equals").location());
    assertTrue(((Value.Bool) at(root, "when.equals")).value());
  }

  @Test
  void yamlSyntaxErrorHasLocation() {
    SourceSyntaxException e = assertThrows(SourceSyntaxException.class,
        () -> TreeReader.readYaml("rules/x.yaml", "id: AMLX-01\nwhen: [a, b\nname: x\n"));
    assertEquals("rules/x.yaml", e.location().file());
    assertTrue(e.location().line() >= 2, e.location().toString());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
