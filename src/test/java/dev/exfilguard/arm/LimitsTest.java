package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.arm.expr.Limits;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile templates, generated here: each must end with a note for the file, never a hang, an
 * out-of-memory error or an ERROR diagnostic.
 */
class LimitsTest {
  private static final String SCHEMA = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"";

  private static ReadResult read(String body) throws Exception {
    Value root = TreeReader.readJson("hostile.json", "{" + SCHEMA + ", " + body + "}");
    ReadResult r = TemplateReader.read((Value.Obj) root, Map.of());
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.ERROR), r.diagnostics().toString());
    return r;
  }

  private static boolean noted(ReadResult r, String text) {
    return r.diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.NOTE && d.message().contains(text));
  }

  private static String resource(String name, String extra) {
    return "{\"type\": \"Microsoft.Network/publicIPAddresses\", \"apiVersion\": \"2024-05-01\", \"name\": \"" + name + "\"" + extra + "}";
  }

  @Test
  void copyCountAboveArmsLimitIsCut() throws Exception {
    ReadResult r = read("\"resources\": [" + resource("[format('pip-{0}', copyIndex())]", ", \"copy\": {\"name\": \"l\", \"count\": 100000}") + "]");
    assertEquals(Limits.MAX_COPY, r.resources().size());
    assertTrue(noted(r, "has count 100000, above ARM's limit of 800"), r.diagnostics().toString());
  }

  @Test
  void loopsInsideLoopsStopAtTheResourceLimit() throws Exception {
    String inner = "{" + SCHEMA + ", \"resources\": [" + resource("[format('p{0}', copyIndex())]", ", \"copy\": {\"name\": \"i\", \"count\": 800}") + "]}";
    ReadResult r = read("\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\","
        + " \"name\": \"[format('d{0}', copyIndex())]\", \"copy\": {\"name\": \"o\", \"count\": 800},"
        + " \"properties\": {\"expressionEvaluationOptions\": {\"scope\": \"inner\"}, \"template\": " + inner + "}}]");
    assertEquals(Limits.MAX_RESOURCES, r.resources().size());
    assertTrue(noted(r, "more than " + Limits.MAX_RESOURCES + " resources"), r.diagnostics().toString());
  }

  @Test
  void deploymentsNestedTooDeepAreNotRead() throws Exception {
    String template = "{" + SCHEMA + ", \"resources\": [" + resource("pip-bottom", "") + "]}";
    for (int i = 0; i < 40; i++) {
      template = "{" + SCHEMA + ", \"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\","
          + " \"name\": \"d" + i + "\", \"properties\": {\"template\": " + template + "}}]}";
    }
    ReadResult r = read(template.substring(1 + SCHEMA.length() + 2, template.length() - 1));
    assertTrue(noted(r, "nested deployments deeper than " + Limits.MAX_DEPLOYMENT_DEPTH), r.diagnostics().toString());
    assertTrue(r.resources().stream().noneMatch(x -> x.name().equals("pip-bottom")));
  }

  @Test
  void stringsThatDoubleEachStepStopAtTheLimit() throws Exception {
    StringBuilder vars = new StringBuilder("\"v0\": \"" + "x".repeat(1000) + "\"");
    for (int i = 1; i <= 40; i++) vars.append(", \"v").append(i).append("\": \"[concat(variables('v").append(i - 1).append("'), variables('v").append(i - 1).append("'))]\"");
    ReadResult r = read("\"variables\": {" + vars + "}, \"resources\": [" + resource("[concat('p', variables('v40'))]", "")
        + ", " + resource("[padLeft('x', 2000000000)]", "") + "]");
    assertTrue(noted(r, "a string longer than " + Limits.MAX_STRING + " characters is not built"), r.diagnostics().toString());
    assertEquals(2, r.resources().size());
    String name = r.resources().get(0).name();
    assertTrue(name.contains("v40") && name.endsWith("}") && name.length() < 100, "read as a name, not the doubled string: " + name);
  }

  @Test
  void runawayLambdasSpendTheBudgetAndStop() throws Exception {
    ReadResult r = read("\"resources\": [" + resource("big", ", \"properties\": {\"x\": "
        + "\"[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', range(0, 10000)))))]\"}") + ", "
        + resource("after", ", \"properties\": {\"y\": \"[add(1, 2)]\"}") + "]");
    assertTrue(noted(r, "evaluation stopped after"), r.diagnostics().toString());
    Resource big = r.resources().get(0);
    assertInstanceOf(Value.Unknown.class, big.at("properties.x").orElseThrow());
    // once spent, the rest of the file is not evaluated either
    assertTrue(r.resources().stream().noneMatch(x -> x.name().equals("after") && x.at("properties.y").orElseThrow() instanceof Value.Num));
  }

  @Test
  void aVariableThatUsesItselfIsNotedOnce() throws Exception {
    ReadResult r = read("\"variables\": {\"a\": \"[variables('b')]\", \"b\": \"[variables('a')]\"}, \"resources\": ["
        + resource("[variables('a')]", "") + ", " + resource("[variables('b')]", "") + "]");
    assertEquals(List.of("variable 'a' refers to itself"), r.diagnostics().stream().map(Diagnostic::message).toList());
  }
}
