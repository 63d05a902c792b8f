package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.SourceFormat;
import dev.exfilguard.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** References become graph edges: IDs, associations merged into subnets, data sources, azapi bodies, ARM deployments. */
class GraphTest {
  private final ReadResult r = Tf.load("graph").result();
  private final ResourceGraph g = new ResourceGraph(r.resources());

  private Resource at(String address) {
    return AzurermMappingTest.addressed(r, address);
  }

  private static String s(Resource r, String path) {
    return Tf.render(r.at(path).orElseThrow(() -> new AssertionError(path + " in " + r.address() + ": " + r.body()))).replace("\"", "");
  }

  @Test
  void onlyTheOutsideTemplateIsNoted() {
    assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Diagnostic.Kind.NOTE, d.kind());
    assertTrue(d.message().contains("outside the scanned tree"), d.message());
  }

  @Test
  void nsgAssociationIsMergedIntoTheSubnetAndLinks() {
    Resource subnet = at("azurerm_subnet.compute");
    Value nsgId = subnet.at("properties.networkSecurityGroup.id").orElseThrow();
    assertEquals(47, nsgId.location().line(), "the association's network_security_group_id line");
    assertEquals("azurerm_network_security_group.nsg", g.resolveId(((Value.Str) nsgId).value()).orElseThrow().address());
    assertEquals("[{service:Microsoft.Storage}]", s(subnet, "properties.serviceEndpoints"));
    assertFalse(r.resources().stream().anyMatch(x -> x.address().contains("association")), "associations are not resources of their own");
  }

  @Test
  void routeTableAssociationReachesAnInlineSubnet() {
    Resource vnet = at("azurerm_virtual_network.vnet");
    assertEquals("snet-inline", s(vnet, "properties.subnets[0].name"));
    String rt = s(vnet, "properties.subnets[0].properties.routeTable.id");
    assertEquals("azurerm_route_table.rt", g.resolveId(rt).orElseThrow().address());
    assertEquals("VirtualAppliance", s(g.resolveId(rt).orElseThrow(), "properties.routes[0].properties.nextHopType"));
  }

  @Test
  void dataSourceIsAnExistingNodeWithUnknownAttributes() {
    Resource data = at("data.azurerm_subnet.shared");
    assertTrue(data.existing());
    assertEquals("vnet-shared/snet-shared", data.name());
    assertInstanceOf(Value.Unknown.class, data.at("properties.networkSecurityGroup.id").orElseThrow());
    Resource cc = at("azurerm_machine_learning_compute_cluster.on_shared");
    assertEquals(data, g.resolveId(s(cc, "properties.properties.subnet.id")).orElseThrow());
    assertEquals("mlw-g/cc-shared", cc.name());
  }

  @Test
  void storageNetworkRulesReplaceTheAccountsAcls() {
    Resource st = at("azurerm_storage_account.st");
    assertEquals("Deny", s(st, "properties.networkAcls.defaultAction"));
    assertEquals("AzureServices", s(st, "properties.networkAcls.bypass"));
    assertTrue(s(st, "properties.networkAcls.virtualNetworkRules[0].id").endsWith("/virtualNetworks/vnet-g/subnets/snet-compute"));
    assertEquals("Enabled", s(st, "properties.publicNetworkAccess"));
  }

  @Test
  void azapiBodiesAreArmAsTheyStand() {
    Resource sep = at("azapi_resource.sep");
    assertEquals("Microsoft.Network/serviceEndpointPolicies", sep.type());
    assertEquals("sep-azapi", sep.name());
    assertEquals("Global", s(sep, "properties.serviceEndpointPolicyDefinitions[0].properties.service"));
    assertEquals("westeurope", s(sep, "location"));
    Resource json = at("azapi_resource.sep_json");
    assertEquals("Microsoft.Storage", s(json, "properties.serviceEndpointPolicyDefinitions[0].properties.service"));
    assertTrue(s(json, "properties.serviceEndpointPolicyDefinitions[0].properties.serviceResources[0]").endsWith("/storageAccounts/stg"));
    Resource subnet = at("azapi_resource.subnet");
    assertEquals("Microsoft.Network/virtualNetworks/subnets", subnet.type());
    assertEquals("vnet-g/snet-azapi", subnet.name(), "the parent's names come from parent_id");
  }

  @Test
  void azapiUpdateIsMergedIntoTheResourceItNames() {
    Resource ws = at("azurerm_machine_learning_workspace.ws");
    assertEquals("AllowInternetOutbound", s(ws, "properties.managedNetwork.isolationMode"));
    assertEquals("Disabled", s(ws, "properties.publicNetworkAccess"), "the rest of the workspace stays");
  }

  @Test
  void templateDeploymentsAreScannedAsArm() {
    Resource inline = r.resources().stream().filter(x -> x.name().equals("nsg-arm-inline")).findFirst().orElseThrow();
    assertEquals(SourceFormat.ARM, inline.format());
    Value dest = inline.at("properties.securityRules[0].properties.destinationAddressPrefix").orElseThrow();
    assertEquals("testdata/terraform/graph/main.tf", dest.location().file());
    assertEquals(170, dest.location().line(), "the heredoc line in the .tf file");
    Resource fromFile = r.resources().stream().filter(x -> x.name().equals("nsg-arm-file")).findFirst().orElseThrow();
    assertEquals("testdata/terraform/graph/templates/nsg.json", fromFile.location().file());
  }

  @Test
  void fileAndTemplatefileReadInsideTheTree() {
    Resource rule = at("azurerm_network_security_rule.from_files");
    assertEquals("Internet", s(rule, "properties.destinationAddressPrefix"));
    assertEquals("owned by ml: deny Internet; deny Storage; \n", ((Value.Str) rule.at("properties.description").orElseThrow()).value());
    Value desc = rule.at("properties.description").orElseThrow();
    assertEquals("templatefile testdata/terraform/graph/templates/description.tpl", desc.meta().via());
    assertEquals(235, desc.location().line(), "the value stands where the call is");
  }

  @Test
  void selfIsTheInstanceItself() throws Exception {
    ModuleScope scope = Tf.textScope("""
        resource "azurerm_network_security_group" "n" {
          count = 2
          name  = "nsg-${count.index}"
        }
        """);
    var b = scope.config.resources().get("azurerm_network_security_group.n");
    var second = scope.instances("managed", b).get(1);
    var body = dev.exfilguard.hcl.HclParser.parse("x.tf", "x = \"${self.name}/${count.index}\"\n");
    assertEquals("\"nsg-1/1\"", Tf.render(scope.evaluatorFor(second).eval(body.attribute("x").orElseThrow().expr())));
  }

  @Test
  void defaultsAreOnlyWhereNothingIsWritten() {
    assertEquals(List.of("properties.defaultOutboundAccess"), AzurermMappingTest.defaults(at("azurerm_subnet.compute").body(), ""));
  }
}
