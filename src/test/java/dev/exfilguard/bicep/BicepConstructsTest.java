package dev.exfilguard.bicep;

import static dev.exfilguard.bicep.Bicep.at;
import static dev.exfilguard.bicep.Bicep.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The language constructs of issue 10 that the shared corpus does not show (user-defined
 * functions, safe index access, lambdas, spreads, parameters files, imports, loads), and others
 * that it does, read from the repository's own Bicep files and checked by the values they give.
 */
class BicepConstructsTest {
  private static final String DIR = "testdata/bicep/";

  private static String out(Map<String, Value> outputs, String name) {
    return Value.render(outputs.get(name));
  }

  @Test
  void userDefinedFunctionsLambdasSpreadsAndSafeAccess() {
    ReadResult r = Bicep.read(DIR + "constructs/functions-and-lambdas.bicep");
    assertEquals(List.of(), Bicep.errors(r));
    Resource nsg = resource(r, "Microsoft.Network/networkSecurityGroups", "nsg-functions");
    // func ruleName(...) through a lambda over range(); base from overrides.?priorityBase
    assertEquals("allow-storage-westeurope-0", at(nsg, "properties.securityRules[0].name"));
    assertEquals("allow-azuremachinelearning-1", at(nsg, "properties.securityRules[1].name"));
    assertEquals("210", at(nsg, "properties.securityRules[1].properties.priority"));
    // ...common spread into each rule's properties
    assertEquals("Allow", at(nsg, "properties.securityRules[1].properties.access"));
    Map<String, Value> o = Bicep.outputs(DIR + "constructs/functions-and-lambdas.bicep");
    assertTrue(out(o, "ids").startsWith("[Storage.westeurope, /subscriptions/{subscription().subscriptionId}/"), out(o, "ids"));
    assertTrue(out(o, "ids").endsWith("/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet]"), out(o, "ids"));
    assertEquals("none", out(o, "missing"), "optional.?settings.?level ?? 'none'");
    assertEquals("Storage.westeurope", out(o, "firstTag"), "tags[?5] ?? tags[0]");
  }

  @Test
  void resourcePropertiesAreReadAsTheCompilerWritesThem() {
    BicepReader.LoweredTemplate t = BicepReader.lower(Bicep.file(DIR + "constructs/functions-and-lambdas.bicep"),
        new dev.exfilguard.testing.Fixtures.RepoSources(), null);
    Value names = t.template().get("outputs").map(v -> ((Value.Obj) v).get("names").orElseThrow()).orElseThrow();
    assertEquals("[map(reference('nsg').securityRules, lambda('r', lambdaVariables('r').name))]",
        Value.render(((Value.Obj) names).get("value").orElseThrow()));
  }

  @Test
  void childrenScopesLoopsAndFilters() {
    ReadResult r = Bicep.read(DIR + "constructs/children-and-scopes.bicep");
    assertEquals(List.of(), Bicep.errors(r));
    List<String> subnets = r.resources().stream().filter(x -> x.isType("Microsoft.Network/virtualNetworks/subnets") && !x.existing())
        .map(Resource::name).toList();
    // the nested declaration, then the loop's instances whose filter holds
    assertEquals(List.of("vnet-children/snet-nested", "vnet-children/snet-a", "vnet-children/snet-c"), subnets);
    Resource a = resource(r, "Microsoft.Network/virtualNetworks/subnets", "vnet-children/snet-a");
    assertEquals("[{...}, {...}]", at(a, "properties.serviceEndpoints"));
    assertEquals("Microsoft.KeyVault", at(a, "properties.serviceEndpoints[1].service"));
    assertTrue(at(a, "properties.routeTable.id").endsWith("/routeTables/rt-first"));
    assertEquals("null", at(resource(r, "Microsoft.Network/virtualNetworks/subnets", "vnet-children/snet-c"), "properties.routeTable"));
    Resource gateway = resource(r, "Microsoft.Network/virtualNetworks/subnets", "vnet-hub/GatewaySubnet");
    assertTrue(gateway.existing());
    Map<String, Value> o = Bicep.outputs(DIR + "constructs/children-and-scopes.bicep");
    assertTrue(out(o, "nested").endsWith("/virtualNetworks/vnet-children/subnets/snet-nested"), out(o, "nested"));
    assertTrue(out(o, "second").endsWith("/virtualNetworks/vnet-children/subnets/snet-c"), "loopSubnets[2].id: " + out(o, "second"));
    assertEquals("/subscriptions/{subscription().subscriptionId}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet",
        out(o, "hubGateway"), "existing with scope: resourceGroup('rg-hub')");
    assertEquals("snet-nested", out(o, "childName"));
  }

  @Test
  void batchSizeIsTheLoopsSerialMode() {
    BicepReader.LoweredTemplate t = BicepReader.lower(Bicep.file(DIR + "constructs/children-and-scopes.bicep"),
        new dev.exfilguard.testing.Fixtures.RepoSources(), null);
    Value.Obj loop = (Value.Obj) ((Value.Obj) t.template().get("resources").orElseThrow()).get("loopSubnets").orElseThrow();
    Value.Obj copy = (Value.Obj) loop.get("copy").orElseThrow();
    assertEquals("serial", Value.render(copy.get("mode").orElseThrow()));
    assertEquals("1", Value.render(copy.get("batchSize").orElseThrow()));
    assertEquals("[length(parameters('subnets'))]", Value.render(copy.get("count").orElseThrow()));
    assertEquals("[parameters('subnets')[copyIndex()].deploy]", Value.render(loop.get("condition").orElseThrow()));
  }

  @Test
  void stringsEscapesAndOperators() {
    Map<String, Value> o = Bicep.outputs(DIR + "constructs/strings.bicep");
    assertEquals("echo \"one ${literal}\"\n", out(o, "script"), "a multi-line string is verbatim");
    assertEquals("it's \\ a {brace} and \u263A", out(o, "escaped"));
    assertEquals("[not an expression]", out(o, "bracket"), "a literal beginning with '[' is escaped as ARM does");
    assertEquals("[not an expression]-22", out(o, "joined"));
    assertEquals("long", out(o, "ternary"));
    assertEquals("true", out(o, "caseInsensitive"));
    assertEquals("true", out(o, "notEqual"));
    assertEquals("-4", out(o, "arithmetic"));
  }

  @Test
  void importsOfTypesVariablesAndFunctionsFromALocalFile() {
    ReadResult r = Bicep.read(DIR + "imports/main.bicep");
    assertEquals(List.of(), Bicep.errors(r));
    Resource nsg = resource(r, "Microsoft.Network/networkSecurityGroups", "nsg-imports");
    assertEquals("AzureMachineLearning", at(nsg, "properties.securityRules[0].properties.destinationAddressPrefix"));
    assertEquals("443", at(nsg, "properties.securityRules[0].properties.destinationPortRange"), "portOf() with the port omitted");
    // denyInternet uses the file's own variables, imported with it
    assertEquals("Internet", at(nsg, "properties.securityRules[1].properties.destinationAddressPrefix"));
    assertEquals("4096", at(nsg, "properties.securityRules[1].properties.priority"));
    Map<String, Value> o = Bicep.outputs(DIR + "imports/main.bicep");
    assertEquals("4096", out(o, "denyPriority"), "import * as shared");
    assertEquals("8443", out(o, "port"));
  }

  @Test
  void localModulesInLoopsAndConditionsAreNestedDeployments() {
    BicepReader.Loaded l = Bicep.load(DIR + "modules/main.bicep");
    ReadResult r = l.result();
    assertEquals(List.of(), Bicep.errors(r));
    assertEquals(List.of("nsg-northeurope", "nsg-westeurope"),
        r.resources().stream().filter(x -> x.isType("Microsoft.Network/networkSecurityGroups")).map(Resource::name).sorted().toList());
    Resource nsg = resource(r, "Microsoft.Network/networkSecurityGroups", "nsg-northeurope");
    // a module parameter that is a loop, evaluated in the caller with the module loop's item
    assertEquals("8443", at(nsg, "properties.securityRules[1].properties.destinationPortRange"));
    assertEquals("101", at(nsg, "properties.securityRules[1].properties.priority"));
    assertEquals("10.1.1.0/24", at(resource(r, "Microsoft.Network/virtualNetworks", "vnet-northeurope"), "properties.subnets[0].properties.addressPrefix"));
    // the condition is false: the jumpbox module and its resources are not deployed
    assertTrue(r.resources().stream().noneMatch(x -> x.isType("Microsoft.Network/networkInterfaces")));
    assertTrue(r.resources().stream().anyMatch(x -> x.name().equals("mlw-modules/cpu")));
    // the module files are read as part of the caller
    assertEquals(3, l.readAsPart().size(), l.readAsPart().toString());
  }

  @Test
  void aParametersFileSuppliesItsTemplatesValues() {
    BicepReader.Loaded l = Bicep.load(DIR + "params/main.bicepparam");
    ReadResult r = l.result();
    assertEquals(List.of(), Bicep.errors(r));
    Resource ci = resource(r, "Microsoft.MachineLearningServices/workspaces/computes", "mlw-params/ci");
    Value publicIp = ci.at("properties.properties.enableNodePublicIp").orElseThrow();
    assertEquals("true", Value.render(publicIp));
    assertTrue(publicIp.meta().via().contains("set at testdata/bicep/params/main.bicepparam:6"), publicIp.meta().via());
    // readEnvironmentVariable() is known only where the deployment runs, default or not
    Value access = resource(r, "Microsoft.MachineLearningServices/workspaces", "mlw-params").at("properties.publicNetworkAccess").orElseThrow();
    assertTrue(access.isUnknown(), access.toString());
    assertEquals(List.of(Bicep.file(DIR + "params/main.bicep")), l.readAsPart());
  }

  @Test
  void aTemplateNextToItsParametersFileTakesItsValues() {
    ReadResult r = Bicep.read(DIR + "params/main.bicep");
    assertEquals("mlw-params/ci", resource(r, "Microsoft.MachineLearningServices/workspaces/computes", "mlw-params/ci").name());
  }

  @Test
  void loadedFilesAreReadInsideTheScannedTreeOnly() {
    java.nio.file.Path inside = Bicep.file(DIR + "loads/inside");
    BicepReader.Loaded l = BicepReader.read(inside.resolve("main.bicep"), new TreeSources(inside), InputOptions.NONE);
    assertEquals(List.of(), Bicep.errors(l.result()));
    assertTrue(l.result().diagnostics().stream().anyMatch(d -> d.kind() == Diagnostic.Kind.NOTE
        && d.message().contains("outside.txt is outside the scanned tree and is not read")), l.result().diagnostics().toString());
    BicepReader.LoweredTemplate t = BicepReader.lower(inside.resolve("main.bicep"), new TreeSources(inside), null);
    Map<String, Value> o = dev.exfilguard.arm.TemplateReader.outputs(t.template(), Map.of(), new java.util.ArrayList<>());
    assertEquals("AzureFrontDoor.Frontend", out(o, "firstTag"), "loadJsonContent with a JSON path");
    assertEquals("1", out(o, "ruleCount"));
    assertTrue(o.get("outside").isUnknown(), o.get("outside").toString());
    assertTrue(Integer.parseInt(out(o, "scriptLength")) > 0);
  }
}
