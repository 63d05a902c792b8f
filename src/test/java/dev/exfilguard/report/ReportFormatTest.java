package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

  @Test
  void parsesCliNamesIgnoringCaseAndBlanks() {
    assertEquals(ReportFormat.TEXT, ReportFormat.parse("text"));
    assertEquals(ReportFormat.JSON, ReportFormat.parse("JSON"));
    assertEquals(ReportFormat.SARIF, ReportFormat.parse(" Sarif "));
  }

  @Test
  void unknownFormatNamesTheValidOnesOnOneLine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("xml"));
    assertEquals("unknown output format 'xml'; valid formats: text, json, sarif, junit, github, markdown", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(""));
    assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(null));
  }

  @Test
  void eachFormatMakesItsReporter() {
    assertInstanceOf(TextReporter.class, ReportFormat.TEXT.reporter(false, f -> List.of()));
    assertInstanceOf(JsonReporter.class, ReportFormat.JSON.reporter(false, f -> List.of()));
    assertInstanceOf(SarifReporter.class, ReportFormat.SARIF.reporter(true, f -> List.of()));
  }

  @Test
  void machineFormatsIgnoreColour() {
    for (ReportFormat f : List.of(ReportFormat.JSON, ReportFormat.SARIF)) {
      assertEquals(
          Render.of(f.reporter(false, ReportFixtures::sourceOf), ReportFixtures.full()),
          Render.of(f.reporter(true, p -> List.of()), ReportFixtures.full()));
    }
  }
}
