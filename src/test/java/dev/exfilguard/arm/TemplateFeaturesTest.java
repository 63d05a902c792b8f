package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.TreeReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reader tests per template feature: copy loops, nested deployments, Bicep output, parameter sources. */
class TemplateFeaturesTest {

  private static ReadResult read(String name, InputOptions options) throws Exception {
    Path file = Path.of("testdata/arm", name);
    Value root = TreeReader.readJson("testdata/arm/" + name, Files.readString(file, StandardCharsets.UTF_8));
    return ArmReader.read(file, (Value.Obj) root, new DiskSources(), options);
  }

  private static ReadResult read(String name) throws Exception {
    return read(name, InputOptions.NONE);
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
    assertInstanceOf(Value.Str.class, v, path + " in " + r.address() + ": " + v);
    return ((Value.Str) v).value();
  }

  /** A string built from symbols (Unknown to rules), read as its term. */
  private static String symbolic(Resource r, String path) {
    Value v = at(r, path);
    assertTrue(v instanceof Value.Unknown u && u.term() != null, path + " in " + r.address() + ": " + v);
    return ((Value.Unknown) v).term().render();
  }

  private static List<String> notes(ReadResult r) {
    return r.diagnostics().stream().map(d -> d.kind() + " " + d.location().line() + " " + d.message()).toList();
  }

  @Test
  void resourceCopyLoopsExpandWithCopyIndex() throws Exception {
    ReadResult r = read("copy-loops.json");
    // variable copy (copyIndex('subnetNames', 1)) names the subnets; the resource loop indexes them
    assertEquals("10.0.0.0/24", str(named(r, "vnet/snet-1"), "properties.addressPrefix"));
    assertEquals("10.0.2.0/24", str(named(r, "vnet/snet-3"), "properties.addressPrefix"));
    assertEquals(3, r.resources().stream().filter(x -> x.isType("Microsoft.Network/virtualNetworks/subnets")).count());
    assertTrue(named(r, "vnet/snet-1").flags().isEmpty());
    // count 0 deploys nothing
    assertTrue(r.resources().stream().noneMatch(x -> x.isType("Microsoft.Network/publicIPAddresses")));
    // positions: a value computed by an expression points at the expression's line
    assertEquals(20, at(named(r, "vnet/snet-2"), "properties.addressPrefix").location().line());
  }

  @Test
  void unknownCountGivesOneRepresentativeResource() throws Exception {
    ReadResult r = read("copy-loops.json");
    List<Resource> clusters = r.resources().stream().filter(x -> x.isType("Microsoft.MachineLearningServices/workspaces/computes")).toList();
    assertEquals(1, clusters.size());
    Resource c = clusters.get(0);
    assertEquals(Set.of(Resource.Flag.REPRESENTATIVE), c.flags());
    // its name depends on copyIndex(), which is Unknown: shown as written, marked as the loop's stand-in
    assertEquals("ws/cluster-{copyIndex()}", c.name(), "the representative's index is a symbol of the loop");
    assertEquals(false, ((Value.Bool) at(c, "properties.properties.enableNodePublicIp")).value());
  }

  @Test
  void propertyCopyBuildsTheArray() throws Exception {
    ReadResult r = read("copy-loops.json");
    Value rules = at(named(r, "nsg-loop"), "properties.securityRules");
    assertInstanceOf(Value.Arr.class, rules);
    List<Value> items = ((Value.Arr) rules).items();
    assertEquals(2, items.size());
    Value.Obj second = (Value.Obj) items.get(1);
    assertEquals("allow-8443", ((Value.Str) second.get("name").get()).value());
    assertEquals(new BigDecimal(101), ((Value.Num) ((Value.Obj) second.get("properties").get()).get("priority").get()).value());
    assertTrue(named(r, "nsg-loop").at("properties.copy").isEmpty(), "the copy declaration itself is gone");
  }

  @Test
  void nestedDeploymentsPassParametersThroughInnerScopes() throws Exception {
    ReadResult r = read("nested-deployments.json");
    Resource cluster = named(r, "ws/deep-cluster");
    Value ip = at(cluster, "properties.properties.enableNodePublicIp");
    // the caller's value wins over the inner default (false), two levels down
    assertEquals(true, ((Value.Bool) ip).value());
    assertEquals(76, ip.location().line(), "points at the expression that uses the parameter");
    assertEquals("parameter 'nodePublicIp' set at testdata/arm/nested-deployments.json:61, "
            + "parameter 'clusterPublicIp' set at testdata/arm/nested-deployments.json:22, "
            + "parameter 'publicIp' default at testdata/arm/nested-deployments.json:5",
        ip.meta().via());
    // inner scope: the inner template's own variable, not the caller's
    Resource nsg = named(r, "inner-nsg");
    assertEquals("Storage.{resourceGroup().location}", symbolic(nsg, "properties.securityRules[0].properties.destinationAddressPrefix"));
  }

  @Test
  void outerScopeSeesTheCallersVariablesAndAllResourcesShareOneGraph() throws Exception {
    ReadResult r = read("nested-deployments.json");
    named(r, "mlstore");
    ResourceGraph graph = new ResourceGraph(r.resources());
    Resource cluster = named(r, "ws/deep-cluster");
    String subnetId = symbolic(cluster, "properties.properties.subnet.id");
    // an ID built three deployments away resolves, case-insensitively, to the inline subnet
    assertEquals("vnet/snet-training", graph.resolveId(subnetId).orElseThrow().name());
  }

  @Test
  void deploymentConditionsAndLinksAreHonoured() throws Exception {
    ReadResult r = read("nested-deployments.json");
    assertEquals(Set.of(Resource.Flag.CONDITIONAL), named(r, "pip-extra").flags(), "deployExtras has no value");
    assertTrue(r.resources().stream().noneMatch(x -> x.name().equals("pip-never")));
    assertTrue(r.resources().stream().noneMatch(x -> x.name().equals("never")));
    assertTrue(notes(r).contains("NOTE 132 nested deployment linked links its template (templateLink); it is not followed"), notes(r).toString());
    // the deployment resource itself is in the model, without its template
    Resource level1 = named(r, "level1");
    assertTrue(level1.at("properties.template").isEmpty());
    assertTrue(level1.at("properties.parameters.clusterPublicIp.value").isPresent());
  }

  @Test
  void bicepOutputWithLambdasUserFunctionsAndTypes() throws Exception {
    ReadResult r = read("bicep-lv2.json");
    Resource nsg = named(r, "nsg-bicep");
    assertEquals("allow-azurefrontdoor.frontend-443", str(nsg, "properties.securityRules[0].name"));
    assertEquals("AzureFrontDoor.Frontend", str(nsg, "properties.securityRules[0].properties.destinationAddressPrefix"));
    assertEquals("Outbound", str(nsg, "properties.securityRules[1].properties.direction"));
    assertEquals("443", str(nsg, "properties.securityRules[1].properties.destinationPortRange"));
    assertEquals(new BigDecimal(101), ((Value.Num) at(nsg, "properties.securityRules[1].properties.priority")).value());
    // existing resources are graph nodes without Azure's defaults for what they omit
    Resource existing = named(r, "ws/shared-cluster");
    assertTrue(existing.existing());
    assertTrue(existing.at("properties.properties.enableNodePublicIp").isEmpty());
    assertTrue(named(r, "vnet-shared").existing());
    // a $ref-typed parameter without a value makes the condition Unknown
    // its name uses a recursive function: the variable is one value of the deployment, a symbol
    Resource instance = named(r, "ws/ci-{recursive}");
    assertEquals(Set.of(Resource.Flag.CONDITIONAL), instance.flags());
  }

  @Test
  void recursiveUserFunctionIsCutWithANote() throws Exception {
    ReadResult r = read("bicep-lv2.json");
    assertTrue(notes(r).stream().anyMatch(n -> n.contains("user-defined functions nested deeper than 64 calls")), notes(r).toString());
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.ERROR));
  }

  @Test
  void parametersFileBesideTheTemplateSetsValues() throws Exception {
    ReadResult r = read("params/target.json");
    Resource c = r.resources().get(0);
    Value ip = at(c, "properties.properties.enableNodePublicIp");
    assertEquals(true, ((Value.Bool) ip).value());
    assertEquals("parameter 'publicIp' set at testdata/arm/params/target.parameters.json:6", ip.meta().via());
    assertEquals("sibling-region", str(c, "properties.computeLocation"));
    // GEN-* placeholders and Key Vault references are Unknown
    assertInstanceOf(Value.Unknown.class, at(c, "properties.description"));
    assertEquals("ws/{prefix}", c.name());
  }

  @Test
  void commandLineWinsOverParametersFilesWhichWinOverTheSibling() throws Exception {
    InputOptions options = new InputOptions(
        Map.of("region", "cli-region", "publicIp", "FALSE", "tags", "{\"env\": \"prod\"}", "undeclared", "x"),
        List.of(Path.of("testdata/arm/params/override.parameters.json")), Map.of(), List.of(), Map.of());
    Resource c = read("params/target.json", options).resources().get(0);
    assertEquals("cli-region", str(c, "properties.computeLocation"));
    assertEquals(false, ((Value.Bool) at(c, "properties.properties.enableNodePublicIp")).value(), "converted by the declared type");
    assertEquals(new BigDecimal(8), ((Value.Num) at(c, "properties.properties.scaleSettings.maxNodeCount")).value());
    assertEquals("prod", str(c, "tags.env"));
  }

  @Test
  void commandLineValueOfTheWrongTypeIsUnknown() throws Exception {
    InputOptions options = new InputOptions(Map.of("maxNodes", "many"), List.of(), Map.of(), List.of(), Map.of());
    Resource c = read("params/target.json", options).resources().get(0);
    assertInstanceOf(Value.Unknown.class, at(c, "properties.properties.scaleSettings.maxNodeCount"));
    assertFalse(ArmReader.siblingParametersFile(Path.of("testdata/arm/copy-loops.json"), new DiskSources()).isPresent());
  }
}
