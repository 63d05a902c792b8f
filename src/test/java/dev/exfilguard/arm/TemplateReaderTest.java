package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Origin;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

  private static String display(String name) {
    return "testdata/arm/" + name;
  }

  private static ReadResult read(String name, Map<String, Value> supplied) throws Exception {
    String text = Files.readString(Path.of("testdata/arm", name), StandardCharsets.UTF_8);
    Value root = TreeReader.readJson(display(name), text);
    assertTrue(TemplateReader.isTemplate(root), name);
    return TemplateReader.read((Value.Obj) root, supplied);
  }

  private static ReadResult read(String name) throws Exception {
    return read(name, Map.of());
  }

  private static Resource named(ReadResult r, String name) {
    return r.resources().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + name + " among " + r.resources().stream().map(Resource::name).toList()));
  }

  private static Value at(Resource r, String path) {
    return r.at(path).orElseThrow(() -> new AssertionError("nothing at " + path + " in " + r.address()));
  }

  private static String str(Resource r, String path) {
    Value v = at(r, path);
    assertInstanceOf(Value.Str.class, v, path + " in " + r.address());
    return ((Value.Str) v).value();
  }

  @Test
  void recognisesTemplatesAndParameterFiles() throws Exception {
    Value t = TreeReader.readJson("t.json", "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"}");
    Value p = TreeReader.readJson("p.json", "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\"}");
    Value other = TreeReader.readJson("o.json", "{\"name\": \"package\"}");
    assertTrue(TemplateReader.isTemplate(t));
    assertFalse(TemplateReader.isTemplate(p));
    assertTrue(TemplateReader.isParametersFile(p));
    assertFalse(TemplateReader.isTemplate(other));
    assertFalse(TemplateReader.isParametersFile(other));
  }

  @Test
  void arrayResourcesWithNestedChildrenAreFlattened() throws Exception {
    ReadResult r = read("nested-children.json");
    assertEquals(List.of(
            "Microsoft.Network/virtualNetworks vnet-ml",
            "Microsoft.Network/virtualNetworks/subnets vnet-ml/snet-training",
            "Microsoft.Network/virtualNetworks/subnets/deeperThings vnet-ml/snet-training/grandchild",
            "Microsoft.Network/virtualNetworks/subnets vnet-ml/snet-scoring",
            "Microsoft.Network/networkSecurityGroups nsg-ml"),
        r.resources().stream().map(x -> x.type() + " " + x.name()).toList());
    assertEquals(List.of(), r.diagnostics());

    Resource training = named(r, "vnet-ml/snet-training");
    assertEquals(new Location(display("nested-children.json"), 15, 9), training.location());
    assertEquals("Microsoft.Network/virtualNetworks/subnets/vnet-ml/snet-training", training.address());
    assertEquals(SourceFormat.ARM, training.format());
    assertEquals("10.20.1.0/24", str(training, "properties.addressPrefix"));
    // the body carries the full type and name, and the nested declarations are not copied into it
    assertEquals("Microsoft.Network/virtualNetworks/subnets", str(training, "type"));
    assertEquals("vnet-ml/snet-training", str(training, "name"));
    assertTrue(training.at("resources").isEmpty());
    assertTrue(named(r, "vnet-ml").at("resources").isEmpty());

    Resource scoring = named(r, "vnet-ml/snet-scoring");
    assertEquals(28, scoring.location().line());
    assertEquals("10.20.2.0/24", str(scoring, "properties.addressPrefix"));
  }

  @Test
  void symbolicNameResourcesAreRead() throws Exception {
    ReadResult r = read("symbolic-names.json");
    assertEquals(List.of("mlw-exfil", "mlw-exfil/cpu-cluster", "vnet-hub"), r.resources().stream().map(Resource::name).toList());
    Resource ws = named(r, "mlw-exfil");
    assertEquals("Microsoft.MachineLearningServices/workspaces", ws.type());
    assertEquals(9, ws.location().line());
    assertEquals("Disabled", str(ws, "properties.publicNetworkAccess"));
    assertFalse(ws.existing());
    Resource cluster = named(r, "mlw-exfil/cpu-cluster");
    assertEquals(16, cluster.location().line());
    assertTrue(named(r, "vnet-hub").existing(), "existing: true marks a reference, not a deployment");
  }

  @Test
  void conditionFalseDropsTheResourceAndItsChildrenTrueAndUnknownKeepIt() throws Exception {
    ReadResult r = read("conditions.json");
    assertEquals(List.of("nsg-prod", "nsg-prod/deny-all", "bas-unknown", "rt-kept"),
        r.resources().stream().map(Resource::name).toList());
    // the condition is not part of the resource body
    assertTrue(named(r, "bas-unknown").at("condition").isEmpty());
  }

  @Test
  void platformDefaultForComputePublicIpIsAppliedAtTheDeclaration() throws Exception {
    ReadResult r = read("computes.json");
    String file = display("computes.json");

    Value omitted = at(named(r, "mlw/omitted-cluster"), "properties.properties.enableNodePublicIp");
    assertEquals(new Value.Bool(true, omitted.meta()), omitted);
    assertEquals(Origin.DEFAULT, omitted.meta().origin());
    assertEquals(new Location(file, 9, 5), omitted.location());
    assertTrue(omitted.meta().via().contains("enableNodePublicIp"), omitted.meta().via());
    // the sibling written in the source is untouched
    assertEquals("STANDARD_DS3_V2", str(named(r, "mlw/omitted-cluster"), "properties.properties.vmSize"));

    // the inner properties object is created when the whole object is absent
    Value instance = at(named(r, "mlw/omitted-properties-instance"), "properties.properties.enableNodePublicIp");
    assertEquals(Origin.DEFAULT, instance.meta().origin());
    assertEquals(new Location(file, 15, 5), instance.location());
    assertTrue(((Value.Bool) instance).value());

    Value explicit = at(named(r, "mlw/explicit-cluster"), "properties.properties.enableNodePublicIp");
    assertFalse(((Value.Bool) explicit).value());
    assertEquals(Origin.EXPLICIT, explicit.meta().origin());
    assertEquals(25, explicit.location().line());

    // an Unknown value is not replaced by the default: Unknown is never a violation
    Value unknown = at(named(r, "mlw/unknown-instance"), "properties.properties.enableNodePublicIp");
    assertInstanceOf(Value.Unknown.class, unknown);

    // AKS and other attached computes do not get the AmlCompute default
    assertTrue(named(r, "mlw/attached-aks").at("properties.properties.enableNodePublicIp").isEmpty());
  }

  @Test
  void parameterDefaultCarriesTheViaChainAndStandsWhereItIsUsed() throws Exception {
    ReadResult r = read("computes.json");
    Value v = at(named(r, "mlw/param-cluster"), "properties.properties.enableNodePublicIp");
    assertFalse(((Value.Bool) v).value());
    assertEquals(Origin.EXPLICIT, v.meta().origin());
    assertEquals(34, v.location().line());
    assertEquals("parameter 'publicIp' default at testdata/arm/computes.json:5", v.meta().via());
  }

  private static Resource nsg(ReadResult r) {
    return named(r, "nsg-ml");
  }

  private static final String RULE = "properties.securityRules[0].";

  @Test
  void variablesReferencingVariables() throws Exception {
    ReadResult r = read("parameters-variables.json");
    Resource nsg = nsg(r);
    assertEquals("nsg-ml-egress", str(nsg, RULE + "name"));
    Value name = at(nsg, RULE + "name");
    assertEquals(25, name.location().line());
    assertEquals("variable 'ruleName' at testdata/arm/parameters-variables.json:12", name.meta().via());
    assertEquals("variable 'nsgName' at testdata/arm/parameters-variables.json:11", at(nsg, "name").meta().via());
  }

  @Test
  void parameterDefaultSuppliedAndMissing() throws Exception {
    Location suppliedAt = new Location("testdata/arm/parameters-variables.parameters.json", 6, 16);
    ReadResult r = read("parameters-variables.json", Map.of("SUPPLIEDTAG", new Value.Str("VirtualNetwork", Meta.explicit(suppliedAt))));
    Resource nsg = nsg(r);

    Value tag = at(nsg, RULE + "properties.destinationAddressPrefix");
    assertEquals("AzureFrontDoor.Frontend", ((Value.Str) tag).value());
    assertEquals(28, tag.location().line());
    assertEquals("parameter 'serviceTag' default at testdata/arm/parameters-variables.json:5", tag.meta().via());

    Value supplied = at(nsg, RULE + "properties.sourceAddressPrefix");
    assertEquals("VirtualNetwork", ((Value.Str) supplied).value(), "a supplied value wins over the default (names ignore case)");
    assertEquals(29, supplied.location().line());
    assertEquals("parameter 'suppliedTag' set at testdata/arm/parameters-variables.parameters.json:6", supplied.meta().via());

    Value missing = at(nsg, RULE + "properties.description");
    assertInstanceOf(Value.Unknown.class, missing);
    assertEquals(30, missing.location().line());
    assertTrue(((Value.Unknown) missing).reason().contains("noDefault"), missing.toString());
  }

  @Test
  void variableCycleIsANoteAndUnknown() throws Exception {
    ReadResult r = read("parameters-variables.json");
    Value protocol = at(nsg(r), RULE + "properties.protocol");
    assertInstanceOf(Value.Unknown.class, protocol);
    List<Diagnostic> cycles = r.diagnostics().stream().filter(d -> d.message().contains("refers to itself")).toList();
    assertEquals(1, cycles.size(), r.diagnostics().toString());
    assertEquals(Diagnostic.Kind.NOTE, cycles.get(0).kind());
  }

  @Test
  void doubleBracketIsALiteral() throws Exception {
    Resource nsg = nsg(read("parameters-variables.json"));
    assertEquals("[this is text, not an expression]", str(nsg, RULE + "properties.access"));
    assertEquals("[100]", str(nsg, RULE + "properties.priority"));
  }

  @Test
  void unknownFunctionIsNotedOncePerNameIgnoringCase() throws Exception {
    ReadResult r = read("parameters-variables.json");
    Resource nsg = nsg(r);
    assertInstanceOf(Value.Unknown.class, at(nsg, RULE + "properties.sourcePortRange"));
    assertInstanceOf(Value.Unknown.class, at(nsg, RULE + "properties.destinationPortRange"));
    assertInstanceOf(Value.Unknown.class, at(nsg, RULE + "properties.sourcePortRanges"));
    List<Diagnostic> notes = r.diagnostics().stream().filter(d -> d.message().startsWith("template function")).toList();
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).message().contains("myCustomThing()"), notes.toString());
    assertEquals(34, notes.get(0).location().line());
    assertTrue(notes.get(1).message().contains("otherCustom()"), notes.toString());
    assertTrue(notes.stream().allMatch(d -> d.kind() == Diagnostic.Kind.NOTE));
  }

  @Test
  void nonObjectResourceIsAnErrorAndTheRestIsRead() throws Exception {
    String text = "{\n"
        + "  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
        + "  \"resources\": [\n"
        + "    \"oops\",\n"
        + "    { \"type\": \"Microsoft.Network/routeTables\", \"name\": \"rt\" }\n"
        + "  ]\n"
        + "}\n";
    ReadResult r = TemplateReader.read((Value.Obj) TreeReader.readJson("inline.json", text), Map.of());
    assertEquals(List.of("rt"), r.resources().stream().map(Resource::name).toList());
    assertEquals(1, r.diagnostics().size());
    assertEquals(Diagnostic.Kind.ERROR, r.diagnostics().get(0).kind());
    assertEquals(new Location("inline.json", 4, 5), r.diagnostics().get(0).location());
  }

  @Test
  void unknownNameIsShownAsItsTerm() throws Exception {
    String text = "{\n"
        + "  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
        + "  \"parameters\": { \"n\": { \"type\": \"string\" } },\n"
        + "  \"resources\": [ { \"type\": \"Microsoft.Network/routeTables\", \"name\": \"[parameters('n')]\" } ]\n"
        + "}\n";
    ReadResult r = TemplateReader.read((Value.Obj) TreeReader.readJson("inline.json", text), Map.of());
    assertEquals("{n}", r.resources().get(0).name());
    assertEquals("Microsoft.Network/routeTables/{n}", r.resources().get(0).address());
  }
}
