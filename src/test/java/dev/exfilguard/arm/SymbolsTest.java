package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values known only at deployment are symbols of their deployment, and names built from them terms. */
class SymbolsTest {
  private static ReadResult read(String resources, String parameters, Map<String, Value> supplied) throws Exception {
    String text = "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
        + " \"parameters\": {" + parameters + "},\n \"resources\": [" + resources + "]}";
    return TemplateReader.read((Value.Obj) TreeReader.readJson("t.json", text), supplied);
  }

  private static String rt(String name) {
    return "{\"type\": \"Microsoft.Network/routeTables\", \"apiVersion\": \"2024-05-01\", \"name\": \"" + name + "\"}";
  }

  private static Term name(ReadResult r, int i) {
    return r.resources().get(i).nameTerm();
  }

  @Test
  void theSameParameterIsTheSameSymbolWhereverItIsUsed() throws Exception {
    ReadResult r = read(rt("[concat(parameters('p'), '-rt')]") + "," + rt("[format('{0}-rt', toLower(parameters('p')))]"),
        "\"p\": {\"type\": \"string\"}", Map.of());
    assertEquals(Term.Comparison.SAME, name(r, 0).compare(name(r, 1), true));
    assertEquals("{p}-rt", r.resources().get(0).name());
  }

  @Test
  void placeholdersAndKeyVaultReferencesAreSymbolsOfTheirParameter() throws Exception {
    ReadResult r = read(rt("[concat(parameters('a'), '-x')]") + "," + rt("[concat(parameters('b'), '-x')]"),
        "\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"string\"}",
        Map.of("a", new Value.Unknown("the placeholder GEN-UNIQUE", Meta0.AT), "b", new Value.Unknown("a Key Vault reference", Meta0.AT)));
    assertEquals("{a}-x", r.resources().get(0).name());
    assertEquals(Term.Comparison.UNDECIDED, name(r, 0).compare(name(r, 1), true), "two parameters may hold anything");
  }

  @Test
  void hashesOfSymbolsAreSymbolsTooAndEqualOnlyForTheSameInputs() throws Exception {
    ReadResult r = read(rt("[concat('rt-', uniqueString(resourceGroup().id))]") + "," + rt("[concat('rt-', uniqueString(resourceGroup().id))]")
        + "," + rt("[concat('rt-', uniqueString(resourceGroup().id, 'x'))]"), "", Map.of());
    assertEquals(Term.Comparison.SAME, name(r, 0).compare(name(r, 1), true));
    assertNotEquals(Term.Comparison.SAME, name(r, 0).compare(name(r, 2), true));
    assertEquals("rt-{uniqueString(resourceGroup().id)}", r.resources().get(0).name());
  }

  @Test
  void anotherResourceGroupHasSymbolsOfItsOwn() throws Exception {
    String inner = "{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"other\","
        + " \"resourceGroup\": \"[parameters('otherRg')]\","
        + " \"properties\": {\"mode\": \"Incremental\", \"expressionEvaluationOptions\": {\"scope\": \"inner\"},"
        + " \"template\": {\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
        + " \"resources\": [" + rt("[concat('rt-', uniqueString(resourceGroup().id))]") + "," + rt("[concat('in-', resourceGroup().name)]") + "]}}}";
    String same = "{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\", \"name\": \"same\","
        + " \"properties\": {\"mode\": \"Incremental\", \"expressionEvaluationOptions\": {\"scope\": \"inner\"},"
        + " \"template\": {\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
        + " \"resources\": [" + rt("[concat('rt-', uniqueString(resourceGroup().id))]") + "]}}}";
    ReadResult r = read(rt("[concat('rt-', uniqueString(resourceGroup().id))]") + "," + inner + "," + same,
        "\"otherRg\": {\"type\": \"string\"}", Map.of());
    Term outer = find(r, 0);
    Term other = find(r, 1);
    Term sameGroup = find(r, 3);
    assertNotEquals(Term.Comparison.SAME, outer.compare(other, true), "another resource group: another uniqueString");
    assertEquals(Term.Comparison.SAME, outer.compare(sameGroup, true), "the caller's resource group: the same symbol");
    assertEquals("in-{otherRg}", r.resources().stream().filter(x -> x.name().startsWith("in-")).findFirst().orElseThrow().name());
  }

  /** The i-th route table's name. */
  private static Term find(ReadResult r, int i) {
    return r.resources().stream().filter(x -> x.isType("Microsoft.Network/routeTables")).skip(i).findFirst().map(Resource::nameTerm).orElseThrow();
  }

  @Test
  void utcNowIsOneValuePerDeploymentAndFormat() throws Exception {
    ReadResult r = read(rt("[concat('a-', parameters('t1'))]") + "," + rt("[concat('a-', parameters('t2'))]"),
        "\"t1\": {\"type\": \"string\", \"defaultValue\": \"[utcNow('u')]\"}, \"t2\": {\"type\": \"string\", \"defaultValue\": \"[utcNow('u')]\"}",
        Map.of());
    assertEquals(Term.Comparison.SAME, name(r, 0).compare(name(r, 1), true));
    assertTrue(r.resources().get(0).name().contains("utcNow('u')"), r.resources().get(0).name());
  }

  /** A location for supplied values. */
  private static final class Meta0 {
    static final dev.exfilguard.model.Meta AT = dev.exfilguard.model.Meta.explicit(new dev.exfilguard.model.Location("p.json", 1, 1));
  }
}
