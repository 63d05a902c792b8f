package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Origin;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** azurerm resources mapped into ARM shape: one "empty" and one "complete" case per mapped type. */
class AzurermMappingTest {
  private static final String RG_ID = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/";

  static ReadResult readCase(String name) throws Exception {
    Path dir = Path.of("testdata/terraform", name);
    List<TerraformReader.SourceText> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
        files.add(new TerraformReader.SourceText("testdata/terraform/" + name + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return TerraformReader.readModule("testdata/terraform/" + name, files);
  }

  static Resource addressed(ReadResult r, String address) {
    return r.resources().stream().filter(x -> x.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + address + " among " + r.resources().stream().map(Resource::address).toList()));
  }

  static Value at(Resource r, String path) {
    return r.at(path).orElseThrow(() -> new AssertionError("nothing at " + path + " in " + r.address() + ": " + r.body()));
  }

  static String str(Resource r, String path) {
    Value v = at(r, path);
    assertInstanceOf(Value.Str.class, v, path + " in " + r.address() + " is " + v);
    return ((Value.Str) v).value();
  }

  static boolean bool(Resource r, String path) {
    Value v = at(r, path);
    assertInstanceOf(Value.Bool.class, v, path + " in " + r.address() + " is " + v);
    return ((Value.Bool) v).value();
  }

  static long num(Resource r, String path) {
    Value v = at(r, path);
    assertInstanceOf(Value.Num.class, v, path + " in " + r.address() + " is " + v);
    return ((Value.Num) v).value().longValueExact();
  }

  static List<String> strings(Resource r, String path) {
    Value v = at(r, path);
    assertInstanceOf(Value.Arr.class, v, path + " in " + r.address() + " is " + v);
    return ((Value.Arr) v).items().stream().map(Value::render).toList();
  }

  static void assertDefault(Resource r, String path, Location expected) {
    Value v = at(r, path);
    assertEquals(Origin.DEFAULT, v.meta().origin(), path + " in " + r.address());
    assertEquals(expected, v.location(), path + " in " + r.address());
    assertTrue(v.meta().via() != null && !v.meta().via().isBlank(), "a default says why");
  }

  static void assertExplicit(Resource r, String path, int line) {
    Value v = at(r, path);
    assertEquals(Origin.EXPLICIT, v.meta().origin(), path + " in " + r.address());
    assertEquals(line, v.location().line(), path + " in " + r.address());
  }

  /** Every value in the tree with origin DEFAULT, as "path" strings. */
  static List<String> defaults(Value v, String path) {
    List<String> out = new ArrayList<>();
    if (v.meta().origin() == Origin.DEFAULT) out.add(path);
    if (v instanceof Value.Obj o) o.fields().forEach((k, x) -> out.addAll(defaults(x, path.isEmpty() ? k : path + "." + k)));
    if (v instanceof Value.Arr a) for (int i = 0; i < a.items().size(); i++) out.addAll(defaults(a.items().get(i), path + "[" + i + "]"));
    return out;
  }

  @Nested
  class Empty {
    private final ReadResult r;
    private static final String F = "testdata/terraform/empty/main.tf";

    Empty() throws Exception {
      r = readCase("empty");
    }

    private Location line(int n) {
      return new Location(F, n, 1);
    }

    @Test
    void everyMappedTypeIsReadWithoutDiagnostics() {
      assertEquals(List.of(), r.diagnostics());
      assertEquals(List.of(
              "Microsoft.Network/networkSecurityGroups nsg-empty",
              "Microsoft.Network/networkSecurityGroups/securityRules nsg-empty/allow-https",
              "Microsoft.Network/virtualNetworks/subnets vnet-ml/snet-empty",
              "Microsoft.Network/serviceEndpointPolicies sep-empty",
              "Microsoft.MachineLearningServices/workspaces mlw-empty",
              "Microsoft.MachineLearningServices/workspaces/computes mlw-empty/cc-empty",
              "Microsoft.MachineLearningServices/workspaces/computes mlw-empty/ci-empty"),
          r.resources().stream().map(x -> x.type() + " " + x.name()).toList());
      assertTrue(r.resources().stream().allMatch(x -> x.format() == SourceFormat.TERRAFORM && !x.existing()));
    }

    @Test
    void declarationIsTheResourceBlockLine() {
      assertEquals(line(3), addressed(r, "azurerm_network_security_group.nsg").location());
      assertEquals(line(59), addressed(r, "azurerm_machine_learning_compute_instance.instance").location());
    }

    @Test
    void networkSecurityGroupHasNoDefaultsAndNoRules() {
      Resource nsg = addressed(r, "azurerm_network_security_group.nsg");
      assertEquals(List.of(), defaults(nsg.body(), ""));
      assertEquals("westeurope", str(nsg, "location"));
      assertTrue(nsg.at("properties.securityRules").isEmpty());
    }

    @Test
    void securityRuleMapsOnlyWhatIsWritten() {
      Resource rule = addressed(r, "azurerm_network_security_rule.rule");
      assertEquals(List.of(), defaults(rule.body(), ""));
      assertEquals("Outbound", str(rule, "properties.direction"));
      assertEquals(200, num(rule, "properties.priority"));
      assertTrue(rule.at("properties.destinationAddressPrefix").isEmpty());
    }

    @Test
    void subnetDefaultOutboundAccessDefaultsToTrue() {
      Resource snet = addressed(r, "azurerm_subnet.snet");
      assertEquals(List.of("properties.defaultOutboundAccess"), defaults(snet.body(), ""));
      assertTrue(bool(snet, "properties.defaultOutboundAccess"));
      assertEquals(List.of("10.1.0.0/24"), strings(snet, "properties.addressPrefixes"));
      assertTrue(snet.at("properties.serviceEndpointPolicies").isEmpty());
    }

    @Test
    void serviceEndpointPolicyWithoutDefinitionsHasNone() {
      Resource sep = addressed(r, "azurerm_subnet_service_endpoint_storage_policy.sep");
      assertEquals(List.of(), defaults(sep.body(), ""));
      assertTrue(sep.at("properties.serviceEndpointPolicyDefinitions").isEmpty());
    }

    @Test
    void workspacePublicNetworkAccessDefaultsToEnabled() {
      Resource ws = addressed(r, "azurerm_machine_learning_workspace.ws");
      assertEquals(List.of("properties.publicNetworkAccess"), defaults(ws.body(), ""));
      assertEquals("Enabled", str(ws, "properties.publicNetworkAccess"));
      assertDefault(ws, "properties.publicNetworkAccess", line(32));
      assertTrue(ws.at("properties.managedNetwork").isEmpty());
      assertTrue(ws.at("properties.serverlessComputeSettings").isEmpty());
    }

    @Test
    void computeClusterNodePublicIpDefaultsToTrue() {
      Resource cc = addressed(r, "azurerm_machine_learning_compute_cluster.cluster");
      assertEquals(List.of("properties.properties.remoteLoginPortPublicAccess", "properties.properties.enableNodePublicIp"),
          defaults(cc.body(), ""));
      assertTrue(bool(cc, "properties.properties.enableNodePublicIp"));
      assertDefault(cc, "properties.properties.enableNodePublicIp", line(45));
      assertEquals("Disabled", str(cc, "properties.properties.remoteLoginPortPublicAccess"));
      assertEquals("AmlCompute", str(cc, "properties.computeType"));
      assertEquals("Standard_DS3_v2", str(cc, "properties.properties.vmSize"));
      assertTrue(cc.at("properties.properties.subnet").isEmpty());
    }

    @Test
    void computeInstanceNodePublicIpDefaultsToTrueAndWorkspaceNameIgnoresATrailingSlash() {
      Resource ci = addressed(r, "azurerm_machine_learning_compute_instance.instance");
      assertEquals("mlw-empty/ci-empty", ci.name());
      assertEquals(List.of("properties.properties.enableNodePublicIp"), defaults(ci.body(), ""));
      assertTrue(bool(ci, "properties.properties.enableNodePublicIp"));
      assertDefault(ci, "properties.properties.enableNodePublicIp", line(59));
      assertEquals("ComputeInstance", str(ci, "properties.computeType"));
      assertEquals("STANDARD_DS2_V2", str(ci, "properties.properties.vmSize"));
    }
  }

  @Nested
  class Complete {
    private final ReadResult r;

    Complete() throws Exception {
      r = readCase("complete");
    }

    @Test
    void readsWithoutDiagnostics() {
      assertEquals(List.of(), r.diagnostics());
      assertEquals(8, r.resources().size());
    }

    @Test
    void networkSecurityGroupInlineRules() {
      Resource nsg = addressed(r, "azurerm_network_security_group.nsg");
      assertEquals(List.of(), defaults(nsg.body(), ""));
      String deny = "properties.securityRules[0].";
      assertEquals("deny-internet", str(nsg, deny + "name"));
      assertEquals("no internet egress", str(nsg, deny + "properties.description"));
      assertEquals(4000, num(nsg, deny + "properties.priority"));
      assertEquals("Outbound", str(nsg, deny + "properties.direction"));
      assertEquals("Deny", str(nsg, deny + "properties.access"));
      assertEquals("*", str(nsg, deny + "properties.protocol"));
      assertEquals("*", str(nsg, deny + "properties.sourcePortRange"));
      assertEquals("*", str(nsg, deny + "properties.destinationPortRange"));
      assertEquals("VirtualNetwork", str(nsg, deny + "properties.sourceAddressPrefix"));
      assertEquals("Internet", str(nsg, deny + "properties.destinationAddressPrefix"));
      assertExplicit(nsg, deny + "properties.destinationAddressPrefix", 18);
      assertEquals(8, at(nsg, "properties.securityRules[0]").location().line());

      String allow = "properties.securityRules[1].";
      assertEquals("allow-storage", str(nsg, allow + "name"));
      assertEquals(List.of("1024-65535"), strings(nsg, allow + "properties.sourcePortRanges"));
      assertEquals(List.of("443", "445"), strings(nsg, allow + "properties.destinationPortRanges"));
      assertEquals(List.of("10.0.1.0/24", "10.0.2.0/24"), strings(nsg, allow + "properties.sourceAddressPrefixes"));
      assertEquals(List.of("Storage.WestEurope"), strings(nsg, allow + "properties.destinationAddressPrefixes"));
      assertEquals(21, at(nsg, "properties.securityRules[1]").location().line());
      assertTrue(nsg.at("properties.securityRules[2]").isEmpty());
    }

    @Test
    void networkSecurityGroupListOfObjectsForm() {
      Resource nsg = addressed(r, "azurerm_network_security_group.listform");
      String rule = "properties.securityRules[0].";
      assertEquals("allow-frontdoor", str(nsg, rule + "name"));
      assertEquals("AzureFrontDoor.Frontend", str(nsg, rule + "properties.destinationAddressPrefix"));
      assertExplicit(nsg, rule + "properties.destinationAddressPrefix", 48);
      assertEquals(300, num(nsg, rule + "properties.priority"));
      assertTrue(nsg.at(rule + "properties.description").isEmpty(), "null is the same as not set");
      assertEquals(List.of(), strings(nsg, rule + "properties.destinationPortRanges"));
      assertEquals("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Network/applicationSecurityGroups/asg-ml",
          str(nsg, rule + "properties.destinationApplicationSecurityGroups[0].id"));
      assertTrue(nsg.at("properties.securityRules[1]").isEmpty());
    }

    @Test
    void standaloneSecurityRuleNamedAfterItsGroup() {
      Resource rule = addressed(r, "azurerm_network_security_rule.rule");
      assertEquals("Microsoft.Network/networkSecurityGroups/securityRules", rule.type());
      assertEquals("nsg-complete/allow-ml", rule.name());
      assertEquals("allow-ml", str(rule, "name"));
      assertEquals("ml service tag", str(rule, "properties.description"));
      assertEquals(110, num(rule, "properties.priority"));
      assertEquals("AzureMachineLearning", str(rule, "properties.destinationAddressPrefix"));
      assertEquals("443", str(rule, "properties.destinationPortRange"));
      assertEquals("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Network/applicationSecurityGroups/asg-ml",
          str(rule, "properties.sourceApplicationSecurityGroups[0].id"));
    }

    @Test
    void subnetWithPolicyReference() {
      Resource snet = addressed(r, "azurerm_subnet.snet");
      assertEquals("vnet-ml/snet-complete", snet.name());
      assertEquals(List.of("10.1.0.0/24", "10.1.1.0/24"), strings(snet, "properties.addressPrefixes"));
      assertEquals(RG_ID + "Microsoft.Network/serviceEndpointPolicies/sep-complete",
          str(snet, "properties.serviceEndpointPolicies[0].id"));
      assertExplicit(snet, "properties.serviceEndpointPolicies[0].id", 81);
    }

    @Test
    void serviceEndpointPolicyDefinitions() {
      Resource sep = addressed(r, "azurerm_subnet_service_endpoint_storage_policy.sep");
      assertEquals(List.of(), defaults(sep.body(), ""));
      String d0 = "properties.serviceEndpointPolicyDefinitions[0].";
      assertEquals("storage", str(sep, d0 + "name"));
      assertEquals("our storage only", str(sep, d0 + "properties.description"));
      assertEquals("Microsoft.Storage", str(sep, d0 + "properties.service"));
      assertExplicit(sep, d0 + "properties.service", 92);
      assertEquals(List.of("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"),
          strings(sep, d0 + "properties.serviceResources"));
      String d1 = "properties.serviceEndpointPolicyDefinitions[1].";
      assertEquals("Global", str(sep, d1 + "properties.service"));
      assertEquals(List.of("/services/Azure/MachineLearning"), strings(sep, d1 + "properties.serviceResources"));
    }

    @Test
    void workspace() {
      Resource ws = addressed(r, "azurerm_machine_learning_workspace.ws");
      assertEquals(List.of(), defaults(ws.body(), ""));
      assertEquals("Disabled", str(ws, "properties.publicNetworkAccess"));
      assertExplicit(ws, "properties.publicNetworkAccess", 117);
      assertFalse(bool(ws, "properties.allowPublicAccessWhenBehindVnet"));
      assertEquals("Default", str(ws, "kind"));
      assertEquals("cc-complete", str(ws, "properties.imageBuildCompute"));
      assertTrue(str(ws, "properties.containerRegistry").endsWith("/registries/acr"));
      assertTrue(str(ws, "properties.storageAccount").endsWith("/storageAccounts/st"));
      assertTrue(str(ws, "properties.keyVault").endsWith("/vaults/kv"));
      assertTrue(str(ws, "properties.applicationInsights").endsWith("/components/appi"));
      assertEquals("AllowOnlyApprovedOutbound", str(ws, "properties.managedNetwork.isolationMode"));
      assertEquals(RG_ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-complete",
          str(ws, "properties.serverlessComputeSettings.serverlessComputeCustomSubnet"));
      assertTrue(bool(ws, "properties.serverlessComputeSettings.serverlessComputeNoPublicIP"),
          "public_ip_enabled = false is serverlessComputeNoPublicIP = true");
    }

    @Test
    void computeCluster() {
      Resource cc = addressed(r, "azurerm_machine_learning_compute_cluster.cluster");
      assertEquals("mlw-complete/cc-complete", cc.name());
      assertEquals(List.of(), defaults(cc.body(), ""));
      assertFalse(bool(cc, "properties.properties.enableNodePublicIp"));
      assertExplicit(cc, "properties.properties.enableNodePublicIp", 141);
      assertEquals(RG_ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-complete",
          str(cc, "properties.properties.subnet.id"));
      assertEquals("Disabled", str(cc, "properties.properties.remoteLoginPortPublicAccess"));
      assertEquals("LowPriority", str(cc, "properties.properties.vmPriority"));
      assertEquals("westeurope", str(cc, "location"));
    }

    @Test
    void computeInstance() {
      Resource ci = addressed(r, "azurerm_machine_learning_compute_instance.instance");
      assertEquals("mlw-complete/ci-complete", ci.name());
      assertEquals(List.of(), defaults(ci.body(), ""));
      assertFalse(bool(ci, "properties.properties.enableNodePublicIp"));
      assertEquals(RG_ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-complete",
          str(ci, "properties.properties.subnet.id"));
      assertEquals(156, at(ci, "properties.properties.subnet.id").location().line());
    }
  }

  @Test
  void twoFilesOfOneModuleShareVariables() throws Exception {
    ReadResult r = readCase("two-files");
    assertEquals(List.of(), r.diagnostics());
    Resource cc = addressed(r, "azurerm_machine_learning_compute_cluster.gpu");
    assertEquals("mlw-shared/cc-gpu", cc.name());
    assertEquals("swedencentral", str(cc, "location"));
    Value ip = at(cc, "properties.properties.enableNodePublicIp");
    assertTrue(((Value.Bool) ip).value());
    assertEquals(Origin.EXPLICIT, ip.meta().origin(), "a variable's default is written in the source, not a provider default");
    assertEquals(new Location("testdata/terraform/two-files/main.tf", 7, 35), ip.location());
    assertEquals("variable 'public_ip' default at testdata/terraform/two-files/variables.tf:14", ip.meta().via());
  }

  @Test
  void variableWithoutDefaultIsUnknown() throws Exception {
    ReadResult r = readCase("references");
    Resource rule = addressed(r, "azurerm_network_security_rule.unknown_parent");
    Value v = at(rule, "properties.destinationAddressPrefix");
    assertInstanceOf(Value.Unknown.class, v);
    assertEquals(35, v.location().line());
    // the unknown parent name reads as the variable it is
    assertEquals("{var.nsg_name}/allow-any", rule.name());
  }

  @Test
  void referencesToNameAndIdResolve() throws Exception {
    ReadResult r = readCase("references");
    Resource rule = addressed(r, "azurerm_network_security_rule.by_name");
    assertEquals("nsg-refs/deny-internet", rule.name());
    Resource snet = addressed(r, "azurerm_subnet.ml");
    assertEquals(RG_ID + "Microsoft.Network/serviceEndpointPolicies/sep-refs", str(snet, "properties.serviceEndpointPolicies[0].id"));
    assertInstanceOf(Value.Unknown.class, at(snet, "properties.serviceEndpointPolicies[1].id"), "a data source is known only at plan time");
  }

  @Test
  void countZeroDropsTheResourceAndOtherCountsKeepIt() throws Exception {
    ReadResult r = readCase("references");
    List<String> addresses = r.resources().stream().map(Resource::address).toList();
    assertFalse(addresses.contains("azurerm_network_security_rule.debug"), addresses.toString());
    assertFalse(addresses.contains("azurerm_network_security_rule.debug_by_var"), addresses.toString());
    assertTrue(addresses.contains("azurerm_network_security_rule.count_one[0]"), addresses.toString());
    assertFalse(addresses.contains("azurerm_key_vault.unmapped"), "unmapped types are not in the model");
    assertEquals(6, addresses.size(), addresses.toString());
  }

  @Test
  void parseErrorInOneFileKeepsTheOtherFile() throws Exception {
    ReadResult r = readCase("parse-error");
    assertEquals(List.of("azurerm_network_security_group.ok"), r.resources().stream().map(Resource::address).toList());
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    var d = r.diagnostics().get(0);
    assertEquals(dev.exfilguard.model.Diagnostic.Kind.ERROR, d.kind());
    assertEquals("testdata/terraform/parse-error/broken.tf", d.location().file());
    assertEquals(4, d.location().line(), d.toString());
    assertTrue(d.location().column() >= 1, d.toString());
  }

  @Test
  void dynamicDefinitionContributesItsContentOnce() throws Exception {
    ReadResult r = readCase("dynamic-definition");
    assertEquals(List.of(), r.diagnostics());
    Resource sep = addressed(r, "azurerm_subnet_service_endpoint_storage_policy.dyn");
    String d = "properties.serviceEndpointPolicyDefinitions";
    assertEquals(2, ((Value.Arr) at(sep, d)).items().size());
    assertEquals("static", str(sep, d + "[0].name"));
    assertEquals("Global", str(sep, d + "[0].properties.service"));
    assertInstanceOf(Value.Unknown.class, at(sep, d + "[1].name"), "the iterator's key is Unknown");
    assertInstanceOf(Value.Unknown.class, at(sep, d + "[1].properties.serviceResources[0]"));
    // service omitted in the content block: azurerm's default, at the dynamic block
    assertEquals("Microsoft.Storage", str(sep, d + "[1].properties.service"));
    assertDefault(sep, d + "[1].properties.service", new Location("testdata/terraform/dynamic-definition/main.tf", 16, 3));
  }
}
