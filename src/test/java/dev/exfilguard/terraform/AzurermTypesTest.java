package dev.exfilguard.terraform;

import static dev.exfilguard.terraform.AzurermMappingTest.addressed;
import static dev.exfilguard.terraform.AzurermMappingTest.defaults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Origin;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping of every reference §1 type beyond the first seven (those are in
 * {@link AzurermMappingTest}): per type an "empty" case (only what the provider requires: no
 * mapped value but the documented defaults) and a "complete" case (every mapped attribute).
 */
class AzurermTypesTest {
  private static final String E = "testdata/terraform/mapping-empty/main.tf";
  private static final String C = "testdata/terraform/mapping-complete/main.tf";
  private final ReadResult empty = AzurermMappingTest.readCase("mapping-empty");
  private final ReadResult complete = AzurermMappingTest.readCase("mapping-complete");

  AzurermTypesTest() throws Exception {}

  private static String s(Resource r, String path) {
    Value v = r.at(path).orElseThrow(() -> new AssertionError("nothing at " + path + " in " + r.address() + ": " + r.body()));
    return Tf.render(v).replace("\"", "");
  }

  /** The line of the first occurrence of {@code text} after the block of {@code address}. */
  private static int line(String file, String address, String text) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(file));
    String[] parts = address.split("\\.");
    String header = "resource \"" + parts[0] + "\" \"" + parts[1] + "\"";
    int start = 0;
    while (!lines.get(start).startsWith(header)) start++;
    for (int i = start; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
    throw new AssertionError(text + " not in " + address);
  }

  private void explicitAt(Resource r, String path, String file, String text) throws Exception {
    Value v = r.at(path).orElseThrow();
    assertEquals(Origin.EXPLICIT, v.meta().origin(), path);
    assertEquals(line(file, r.address(), text), v.location().line(), path);
  }

  @Test
  void everyTypeReadsWithoutDiagnostics() {
    assertEquals(List.of(), empty.diagnostics());
    assertEquals(List.of(), complete.diagnostics());
  }

  @Test
  void virtualNetwork() throws Exception {
    Resource e = addressed(empty, "azurerm_virtual_network.vnet");
    assertEquals(List.of(), defaults(e.body(), ""));
    assertEquals("[10.0.0.0/16]", s(e, "properties.addressSpace.addressPrefixes"));
    assertTrue(e.at("properties.subnets").isEmpty());
    Resource c = addressed(complete, "azurerm_virtual_network.vnet");
    assertEquals("snet-v3", s(c, "properties.subnets[0].name"));
    assertEquals("10.0.1.0/24", s(c, "properties.subnets[0].properties.addressPrefix"));
    assertTrue(s(c, "properties.subnets[0].properties.networkSecurityGroup.id").endsWith("/networkSecurityGroups/nsg-c"));
    assertEquals("[{service:Microsoft.Storage}]", s(c, "properties.subnets[1].properties.serviceEndpoints"));
    assertTrue(s(c, "properties.subnets[1].properties.serviceEndpointPolicies[0].id").endsWith("/serviceEndpointPolicies/sep"));
    assertTrue(s(c, "properties.subnets[1].properties.routeTable.id").endsWith("/routeTables/rt-c"));
    assertEquals("false", s(c, "properties.subnets[1].properties.defaultOutboundAccess"));
    assertEquals("[{service:Microsoft.Storage.Global}]", s(c, "properties.subnets[2].properties.serviceEndpoints"));
    // inline subnets omitting default_outbound_access_enabled get azurerm's default
    assertEquals(List.of("properties.subnets[0].properties.defaultOutboundAccess", "properties.subnets[2].properties.defaultOutboundAccess"),
        defaults(c.body(), ""));
  }

  @Test
  void subnetIn5xForm() throws Exception {
    Resource e = addressed(empty, "azurerm_subnet.snet5");
    assertEquals(List.of("properties.defaultOutboundAccess"), defaults(e.body(), ""));
    Resource c = addressed(complete, "azurerm_subnet.snet5");
    assertEquals(List.of(), defaults(c.body(), ""));
    assertEquals("Microsoft.Storage", s(c, "properties.serviceEndpoints[0].service"));
    assertTrue(s(c, "properties.serviceEndpoints[0].networkIdentifier.id").endsWith("/virtualNetworks/vnet-c"));
    assertEquals("aci", s(c, "properties.delegations[0].name"));
    assertEquals("Microsoft.ContainerInstance/containerGroups", s(c, "properties.delegations[0].properties.serviceName"));
    assertEquals("false", s(c, "properties.defaultOutboundAccess"));
    explicitAt(c, "properties.networkSecurityGroup.id", C, "network_security_group_id_wo ");
    assertTrue(s(c, "properties.routeTable.id").endsWith("/routeTables/rt-c"));
    // the association resource adds the NAT gateway
    assertTrue(s(c, "properties.natGateway.id").endsWith("/natGateways/nat"));
  }

  @Test
  void aiFoundryHubAndProject() throws Exception {
    Resource e = addressed(empty, "azurerm_ai_foundry.hub");
    assertEquals("Microsoft.MachineLearningServices/workspaces", e.type());
    assertEquals(List.of(), defaults(e.body(), ""), "no default applied: the provider's is not verified");
    assertEquals("Hub", s(e, "kind"));
    assertTrue(e.at("properties.publicNetworkAccess").isEmpty());
    Resource c = addressed(complete, "azurerm_ai_foundry.hub");
    assertEquals("Disabled", s(c, "properties.publicNetworkAccess"));
    assertEquals("AllowOnlyApprovedOutbound", s(c, "properties.managedNetwork.isolationMode"));
    assertTrue(s(c, "properties.storageAccount").endsWith("/storageAccounts/st"));
    assertTrue(s(c, "properties.containerRegistry").endsWith("/registries/acr"));
    Resource p = addressed(empty, "azurerm_ai_foundry_project.project");
    assertEquals("Project", s(p, "kind"));
    assertEquals(TerraformIds.PREFIX + "Microsoft.MachineLearningServices/workspaces/hub-e", s(p, "properties.hubResourceId"));
  }

  @Test
  void workspaceManagedNetworkAndServerless() throws Exception {
    Resource c = addressed(complete, "azurerm_machine_learning_workspace.ws");
    assertEquals("AllowInternetOutbound", s(c, "properties.managedNetwork.isolationMode"));
    assertEquals("true", s(c, "properties.provisionNetworkNow"));
    assertEquals("false", s(c, "properties.v1LegacyMode"));
    assertEquals(TerraformIds.PREFIX + "Microsoft.Network/virtualNetworks/vnet-c/subnets/snet-c",
        s(c, "properties.serverlessComputeSettings.serverlessComputeCustomSubnet"));
    // public_ip_enabled omitted: azurerm sends no public IP
    assertEquals(List.of("properties.publicNetworkAccess", "properties.serverlessComputeSettings.serverlessComputeNoPublicIP"),
        defaults(c.body(), ""));
  }

  @Test
  void outboundRules() throws Exception {
    Resource fqdn = addressed(empty, "azurerm_machine_learning_workspace_network_outbound_rule_fqdn.fqdn");
    assertEquals("Microsoft.MachineLearningServices/workspaces/outboundRules", fqdn.type());
    assertEquals("mlw/fqdn-e", fqdn.name());
    assertEquals("FQDN", s(fqdn, "properties.type"));
    assertEquals("pypi.org", s(fqdn, "properties.destination"));
    Resource tag = addressed(empty, "azurerm_machine_learning_workspace_network_outbound_rule_service_tag.tag");
    assertEquals("ServiceTag", s(tag, "properties.type"));
    assertEquals("Allow", s(tag, "properties.destination.action"), "azurerm hard-codes Allow");
    assertEquals("UserDefined", s(tag, "properties.category"));
    Resource ctag = addressed(complete, "azurerm_machine_learning_workspace_network_outbound_rule_service_tag.tag");
    assertEquals("mlw-c/afd", ctag.name());
    assertEquals("AzureFrontDoor.Frontend", s(ctag, "properties.destination.serviceTag"));
    assertEquals("TCP", s(ctag, "properties.destination.protocol"));
    assertEquals("443", s(ctag, "properties.destination.portRanges"));
    explicitAt(ctag, "properties.destination.serviceTag", C, "service_tag ");
    Resource pe = addressed(complete, "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint.pe");
    assertEquals("PrivateEndpoint", s(pe, "properties.type"));
    assertEquals("blob", s(pe, "properties.destination.subresourceTarget"));
    assertEquals("true", s(pe, "properties.destination.sparkEnabled"));
    assertTrue(addressed(empty, "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint.pe")
        .at("properties.destination.sparkEnabled").isEmpty());
  }

  @Test
  void computeInstanceSshAndAuth() {
    Resource c = addressed(complete, "azurerm_machine_learning_compute_instance.ci");
    assertEquals("Enabled", s(c, "properties.properties.sshSettings.sshPublicAccess"));
    assertEquals("ssh-rsa AAAA", s(c, "properties.properties.sshSettings.adminPublicKey"));
    assertEquals("true", s(c, "properties.disableLocalAuth"));
    assertEquals("personal", s(c, "properties.properties.computeInstanceAuthorizationType"));
  }

  @Test
  void firewallAndClassicRuleCollections() throws Exception {
    Resource e = addressed(empty, "azurerm_firewall.fw");
    assertEquals(List.of(), defaults(e.body(), ""));
    assertEquals("Standard", s(e, "properties.sku.tier"));
    assertTrue(e.at("properties.firewallPolicy").isEmpty());
    Resource c = addressed(complete, "azurerm_firewall.fw");
    assertEquals(TerraformIds.PREFIX + "Microsoft.Network/firewallPolicies/fwp-c", s(c, "properties.firewallPolicy.id"));
    assertTrue(s(c, "properties.ipConfigurations[0].properties.subnet.id").endsWith("/subnets/AzureFirewallSubnet"));
    assertEquals("Deny", s(c, "properties.threatIntelMode"));
    Resource app = addressed(complete, "azurerm_firewall_application_rule_collection.app");
    assertEquals("Microsoft.Network/azureFirewalls/applicationRuleCollections", app.type());
    assertEquals("fw-c/app-c", app.name());
    assertEquals("Allow", s(app, "properties.action.type"));
    assertEquals("[*]", s(app, "properties.rules[0].targetFqdns"));
    assertEquals("Https", s(app, "properties.rules[0].protocols[0].protocolType"));
    explicitAt(app, "properties.rules[0].targetFqdns", C, "target_fqdns");
    Resource net = addressed(complete, "azurerm_firewall_network_rule_collection.net");
    assertEquals("[AzureFrontDoor.Frontend]", s(net, "properties.rules[0].destinationAddresses"));
    assertEquals("[TCP]", s(net, "properties.rules[0].protocols"));
    assertTrue(addressed(empty, "azurerm_firewall_application_rule_collection.app").at("properties.rules").isEmpty());
    assertEquals("100", s(addressed(empty, "azurerm_firewall_network_rule_collection.net"), "properties.priority"));
  }

  @Test
  void firewallPolicyAndRuleCollectionGroup() throws Exception {
    assertEquals(List.of(), defaults(addressed(empty, "azurerm_firewall_policy.policy").body(), ""));
    Resource p = addressed(complete, "azurerm_firewall_policy.policy");
    assertEquals("Premium", s(p, "properties.sku.tier"));
    assertEquals("true", s(p, "properties.dnsSettings.enableProxy"));
    Resource e = addressed(empty, "azurerm_firewall_policy_rule_collection_group.rcg");
    assertEquals("fwp-e/rcg-e", e.name());
    assertEquals("200", s(e, "properties.priority"));
    assertTrue(e.at("properties.ruleCollections").isEmpty());
    Resource c = addressed(complete, "azurerm_firewall_policy_rule_collection_group.rcg");
    assertEquals("FirewallPolicyFilterRuleCollection", s(c, "properties.ruleCollections[0].ruleCollectionType"));
    assertEquals("ApplicationRule", s(c, "properties.ruleCollections[0].rules[0].ruleType"));
    assertEquals("[ml.azure.com]", s(c, "properties.ruleCollections[0].rules[0].targetFqdns"));
    assertEquals("Https", s(c, "properties.ruleCollections[0].rules[0].protocols[0].protocolType"));
    assertEquals("NetworkRule", s(c, "properties.ruleCollections[1].rules[0].ruleType"));
    assertEquals("Deny", s(c, "properties.ruleCollections[1].action.type"));
    assertEquals("[Storage]", s(c, "properties.ruleCollections[1].rules[0].destinationAddresses"));
    assertEquals("[TCP]", s(c, "properties.ruleCollections[1].rules[0].ipProtocols"));
  }

  @Test
  void routeTableAndRoute() throws Exception {
    Resource e = addressed(empty, "azurerm_route_table.rt");
    assertEquals(List.of(), defaults(e.body(), ""));
    assertTrue(e.at("properties.routes").isEmpty());
    Resource c = addressed(complete, "azurerm_route_table.rt");
    assertEquals("0.0.0.0/0", s(c, "properties.routes[0].properties.addressPrefix"));
    assertEquals("VirtualAppliance", s(c, "properties.routes[0].properties.nextHopType"));
    assertEquals("10.0.0.4", s(c, "properties.routes[0].properties.nextHopIpAddress"));
    assertEquals("true", s(c, "properties.disableBgpRoutePropagation"), "bgp_route_propagation_enabled = false");
    assertEquals("true", s(addressed(complete, "azurerm_route_table.rt3"), "properties.disableBgpRoutePropagation"), "the 3.x name");
    Resource route = addressed(complete, "azurerm_route.aml");
    assertEquals("rt-c/aml-mgmt", route.name());
    assertEquals("Internet", s(route, "properties.nextHopType"));
    assertEquals("Microsoft.Network/routeTables/routes", addressed(empty, "azurerm_route.route").type());
  }

  @Test
  void storageAccount() throws Exception {
    Resource e = addressed(empty, "azurerm_storage_account.st");
    assertEquals(List.of("properties.publicNetworkAccess", "properties.networkAcls.defaultAction"), defaults(e.body(), ""));
    assertEquals("Enabled", s(e, "properties.publicNetworkAccess"));
    assertEquals("Allow", s(e, "properties.networkAcls.defaultAction"));
    Resource c = addressed(complete, "azurerm_storage_account.st");
    assertEquals(List.of(), defaults(c.body(), ""));
    assertEquals("Disabled", s(c, "properties.publicNetworkAccess"));
    assertEquals("false", s(c, "properties.allowBlobPublicAccess"));
    assertEquals("StorageV2", s(c, "kind"));
    assertEquals("Deny", s(c, "properties.networkAcls.defaultAction"));
    assertEquals("AzureServices, Logging", s(c, "properties.networkAcls.bypass"));
    assertEquals("203.0.113.7", s(c, "properties.networkAcls.ipRules[0].value"));
    assertTrue(s(c, "properties.networkAcls.virtualNetworkRules[0].id").endsWith("/subnets/snet-c"));
    assertTrue(s(c, "properties.networkAcls.resourceAccessRules[0].resourceId").endsWith("/workspaces/mlw-c"));
    Resource v3 = addressed(complete, "azurerm_storage_account.st3");
    assertEquals("Deny", s(v3, "properties.networkAcls.defaultAction"), "the 3.x rule set found by account name");
    explicitAt(v3, "properties.networkAcls.defaultAction", C, "default_action       = \"Deny\"");
  }

  @Test
  void privateEndpoint() throws Exception {
    Resource e = addressed(empty, "azurerm_private_endpoint.pe");
    assertEquals(List.of(), defaults(e.body(), ""));
    assertEquals(TerraformIds.PREFIX + "Microsoft.Storage/storageAccounts/ste", s(e, "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId"));
    assertTrue(e.at("properties.privateLinkServiceConnections[0].properties.groupIds").isEmpty());
    Resource c = addressed(complete, "azurerm_private_endpoint.pe");
    assertTrue(s(c, "properties.subnet.id").endsWith("/subnets/snet-c"));
    assertEquals("[blob]", s(c, "properties.privateLinkServiceConnections[0].properties.groupIds"));
    assertEquals("file-manual", s(c, "properties.manualPrivateLinkServiceConnections[0].name"));
    assertEquals("please", s(c, "properties.manualPrivateLinkServiceConnections[0].properties.requestMessage"));
    assertTrue(c.at("properties.privateLinkServiceConnections[1]").isEmpty());
  }

  @Test
  void azapiResourcesAndUpdates() {
    Resource e = addressed(empty, "azapi_resource.env");
    assertEquals("Microsoft.MachineLearningServices/workspaces/environments/versions", e.type());
    assertEquals("mlw/train/1", e.name());
    assertTrue(e.at("properties").isEmpty());
    Resource c = addressed(complete, "azapi_resource.env");
    assertEquals("viennaglobal.azurecr.io/azureml/base:latest", s(c, "properties.image"));
    // an update of something this configuration does not declare still stands as what it sets
    Resource u = addressed(complete, "azapi_update_resource.elsewhere");
    assertEquals("Microsoft.Network/networkSecurityGroups", u.type());
    assertEquals("nsg-elsewhere", u.name());
    assertEquals("[]", s(u, "properties.securityRules"));
    Resource ue = addressed(empty, "azapi_update_resource.noop");
    assertEquals("vnet-elsewhere", ue.name());
    assertFalse(ue.existing());
  }
}
