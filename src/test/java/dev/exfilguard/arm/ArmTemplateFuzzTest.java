package dev.exfilguard.arm;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.exfilguard.arm.expr.ExprParser;
import dev.exfilguard.arm.expr.ExprSyntaxException;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.SourceSyntaxException;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.testing.FuzzSeeds;
import java.util.List;
import java.util.Map;

/**
 * The template language's parser and evaluator: either one expression (the fuzzer's text as a
 * variable, used by a resource), or a whole corpus template mutated, read as ARM deploys it. A
 * parse error or a diagnostic is ours; any exception is a defect.
 */
class ArmTemplateFuzzTest {
  private static final List<String> SEEDS = FuzzSeeds.corpus(".json");
  private static final String SCHEMA = "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"";

  @FuzzTest(maxDuration = "12s")
  void evaluate(FuzzedDataProvider data) {
    Value root;
    if (data.consumeBoolean()) {
      String expr = "[" + data.consumeRemainingAsString() + "]";
      try {
        ExprParser.parseBracketed(expr);
      } catch (ExprSyntaxException e) {
        // reported as an error by the reader; evaluate it all the same
      }
      Map<String, Value> body = Map.of();
      try {
        root = TreeReader.readJson("fuzz.json", "{" + SCHEMA + ", \"variables\": {\"v\": " + json(expr) + "}, \"resources\": [{\"type\":"
            + " \"Microsoft.Network/networkSecurityGroups\", \"apiVersion\": \"2024-05-01\", \"name\": \"[variables('v')]\","
            + " \"properties\": {\"x\": \"[variables('v')]\"}}]}");
      } catch (SourceSyntaxException e) {
        throw new AssertionError("the wrapper is valid JSON", e);
      }
      TemplateReader.read((Value.Obj) root, body);
      return;
    }
    try {
      root = TreeReader.readJson("fuzz.json", FuzzSeeds.text(data, SEEDS));
    } catch (SourceSyntaxException e) {
      return;
    }
    if (root instanceof Value.Obj o && TemplateReader.isTemplate(o)) TemplateReader.read(o, Map.of());
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }
}
