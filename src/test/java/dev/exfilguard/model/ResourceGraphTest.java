package dev.exfilguard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.source.TreeReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceGraphTest {
  private static final String NSG = "Microsoft.Network/networkSecurityGroups";
  private static final String RULE = NSG + "/securityRules";
  private static final String VNET = "Microsoft.Network/virtualNetworks";
  private static final String SUBNET = VNET + "/subnets";
  private static final String ID = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/";

  private static int line = 1;

  /** A resource whose body is the given JSON, declared at its own line of "graph.tf". */
  private static Resource res(String type, String name, String address, String bodyJson) throws Exception {
    return res(type, name, address, bodyJson, false);
  }

  private static Resource res(String type, String name, String address, String bodyJson, boolean existing) throws Exception {
    Location at = new Location("graph.tf", line++ * 10, 1);
    Value.Obj body = (Value.Obj) TreeReader.readJson("graph.tf", bodyJson);
    return new Resource(type, name, address, body, at, SourceFormat.TERRAFORM, existing);
  }

  private static List<String> names(List<ResourceGraph.Child> children) {
    return children.stream().map(ResourceGraph.Child::name).toList();
  }

  @Test
  void standaloneRulesAreMergedAfterInlineOnesWithTheirProvenance() throws Exception {
    Resource nsg = res(NSG, "nsg-ml", "azurerm_network_security_group.nsg",
        "{\"properties\": {\"securityRules\": [{\"name\": \"inline-deny\", \"properties\": {\"access\": \"Deny\"}}]}}");
    Resource standalone = res(RULE, "nsg-ml/allow-frontdoor", "azurerm_network_security_rule.fd",
        "{\"name\": \"allow-frontdoor\", \"properties\": {\"access\": \"Allow\", \"destinationAddressPrefix\": \"AzureFrontDoor.Frontend\"}}");
    ResourceGraph g = new ResourceGraph(List.of(nsg, standalone));

    Resource merged = g.find(NSG, "nsg-ml").orElseThrow();
    assertEquals(2, ((Value.Arr) merged.at("properties.securityRules").orElseThrow()).items().size());
    assertEquals("AzureFrontDoor.Frontend",
        ((Value.Str) merged.at("properties.securityRules[1].properties.destinationAddressPrefix").orElseThrow()).value());

    List<ResourceGraph.Child> children = g.children(merged, "securityRules");
    assertEquals(List.of("inline-deny", "allow-frontdoor"), names(children));
    assertSame(merged, children.get(0).declaredBy());
    assertEquals("azurerm_network_security_group.nsg", children.get(0).address());
    assertSame(standalone, children.get(1).declaredBy());
    assertEquals("azurerm_network_security_rule.fd", children.get(1).address());
    assertEquals(standalone.location(), children.get(1).location());

    // the standalone resource stays a resource of its own
    assertEquals(List.of(standalone), g.ofType(RULE));
    assertEquals(2, g.resources().size());
    // the input is not changed
    assertEquals(1, ((Value.Arr) nsg.at("properties.securityRules").orElseThrow()).items().size());
  }

  @Test
  void mergeCreatesThePropertiesAndTheCollectionWhenAbsent() throws Exception {
    Resource vnet = res(VNET, "vnet-ml", "azurerm_virtual_network.v", "{\"location\": \"westeurope\"}");
    Resource a = res(SUBNET, "vnet-ml/snet-a", "azurerm_subnet.a", "{\"properties\": {\"addressPrefix\": \"10.0.1.0/24\"}}");
    Resource b = res(SUBNET, "VNET-ML/snet-b", "azurerm_subnet.b", "{}");
    ResourceGraph g = new ResourceGraph(List.of(a, vnet, b));
    Resource merged = g.find(VNET, "vnet-ml").orElseThrow();
    assertEquals(List.of("snet-a", "snet-b"), names(g.children(merged, "subnets")));
    assertEquals("10.0.1.0/24", ((Value.Str) merged.at("properties.subnets[0].properties.addressPrefix").orElseThrow()).value());
    assertTrue(merged.at("properties.subnets[1].properties").isEmpty());
    assertEquals("westeurope", ((Value.Str) merged.at("location").orElseThrow()).value());
  }

  @Test
  void otherCollectionsMergeToo() throws Exception {
    Resource sep = res("Microsoft.Network/serviceEndpointPolicies", "sep", "sep", "{\"properties\": {}}");
    Resource def = res("Microsoft.Network/serviceEndpointPolicies/serviceEndpointPolicyDefinitions", "sep/ml", "def", "{\"properties\": {\"service\": \"Global\"}}");
    Resource rt = res("Microsoft.Network/routeTables", "rt", "rt", "{}");
    Resource route = res("Microsoft.Network/routeTables/routes", "rt/default", "route", "{\"properties\": {\"nextHopType\": \"Internet\"}}");
    ResourceGraph g = new ResourceGraph(List.of(sep, def, rt, route));
    assertEquals(List.of("ml"), names(g.children(g.find("Microsoft.Network/serviceEndpointPolicies", "sep").orElseThrow(), "serviceEndpointPolicyDefinitions")));
    assertEquals(List.of("default"), names(g.children(g.find("Microsoft.Network/routeTables", "rt").orElseThrow(), "routes")));
  }

  @Test
  void existingChildrenAndUnrelatedTypesAreNotMerged() throws Exception {
    Resource nsg = res(NSG, "nsg-ml", "nsg", "{}");
    Resource existingRule = res(RULE, "nsg-ml/elsewhere", "data.rule", "{}", true);
    Resource lock = res(NSG + "/locks", "nsg-ml/lock", "lock", "{}");
    ResourceGraph g = new ResourceGraph(List.of(nsg, existingRule, lock));
    Resource merged = g.find(NSG, "nsg-ml").orElseThrow();
    assertEquals(List.of(), g.children(merged, "securityRules"));
    assertTrue(merged.at("properties").isEmpty());
  }

  @Test
  void unknownCollectionIsLeftUnknown() throws Exception {
    Resource nsg = res(NSG, "nsg-ml", "nsg", "{\"properties\": {\"securityRules\": \"[parameters('rules')]\"}}");
    Value.Obj body = nsg.body();
    Value.Obj props = (Value.Obj) body.get("properties").orElseThrow();
    Value.Obj unknownRules = new Value.Obj(Map.of("securityRules", new Value.Unknown("parameter", props.meta())), props.meta());
    Resource withUnknown = new Resource(NSG, "nsg-ml", "nsg", new Value.Obj(Map.of("properties", unknownRules), body.meta()),
        nsg.location(), nsg.format(), false);
    Resource rule = res(RULE, "nsg-ml/r", "rule", "{}");
    ResourceGraph g = new ResourceGraph(List.of(withUnknown, rule));
    assertTrue(g.find(NSG, "nsg-ml").orElseThrow().at("properties.securityRules").orElseThrow().isUnknown());
  }

  @Test
  void childrenOfAnItemWithoutNameAreUnnamed() throws Exception {
    Resource nsg = res(NSG, "nsg-ml", "nsg", "{\"properties\": {\"securityRules\": [{\"properties\": {}}, \"not an object\"]}}");
    ResourceGraph g = new ResourceGraph(List.of(nsg));
    assertEquals(List.of("(unnamed)"), names(g.children(g.resources().get(0), "securityRules")));
  }

  @Test
  void resolveIdFindsResourcesAndInlineChildrenIgnoringCaseAndScope() throws Exception {
    Resource vnet = res(VNET, "vnet-ml", "azurerm_virtual_network.v",
        "{\"properties\": {\"subnets\": [{\"name\": \"snet-inline\", \"properties\": {\"addressPrefix\": \"10.0.9.0/24\"}}]}}");
    Resource standalone = res(SUBNET, "vnet-ml/snet-own", "azurerm_subnet.own", "{}");
    ResourceGraph g = new ResourceGraph(List.of(vnet, standalone));

    assertEquals("azurerm_virtual_network.v", g.resolveId(ID + "Microsoft.Network/virtualNetworks/vnet-ml").orElseThrow().address());
    assertEquals("azurerm_subnet.own", g.resolveId(ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-own").orElseThrow().address());

    Resource inline = g.resolveId("/subscriptions/0000/resourceGroups/rg-other/providers/MICROSOFT.NETWORK/VirtualNetworks/VNET-ML/SUBNETS/Snet-Inline").orElseThrow();
    assertEquals(SUBNET, inline.type());
    assertEquals("vnet-ml/snet-inline", inline.name());
    assertEquals("azurerm_virtual_network.v", inline.address());
    assertEquals("10.0.9.0/24", ((Value.Str) inline.at("properties.addressPrefix").orElseThrow()).value());
    // inline children resolve, but are not listed as resources of their type
    assertEquals(List.of(standalone), g.ofType(SUBNET));

    assertFalse(g.resolveId(ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/missing").isPresent());
    assertFalse(g.resolveId("not an id").isPresent());
    assertFalse(g.resolveId(ID + "Microsoft.Network/virtualNetworks").isPresent());
    assertFalse(g.resolveId(ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets").isPresent());
    assertFalse(g.resolveId(ID + "{unknown}").isPresent());
  }

  @Test
  void resolveIdOfAMergedStandaloneChildReturnsTheStandaloneResource() throws Exception {
    Resource vnet = res(VNET, "vnet-ml", "v", "{}");
    Resource standalone = res(SUBNET, "vnet-ml/snet-own", "azurerm_subnet.own", "{}");
    ResourceGraph g = new ResourceGraph(List.of(vnet, standalone));
    assertSame(standalone, g.resolveId(ID + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-own").orElseThrow());
  }

  @Test
  void orphansAreGroupedByTheMissingParentsName() throws Exception {
    Resource nsg = res(NSG, "nsg-here", "nsg", "{}");
    Resource kept = res(RULE, "nsg-here/r0", "r0", "{}");
    Resource o1 = res(RULE, "nsg-elsewhere/r1", "r1", "{}");
    Resource o2 = res(RULE, "nsg-elsewhere/r2", "r2", "{}");
    Resource o3 = res(RULE, "nsg-other/r3", "r3", "{}");
    ResourceGraph g = new ResourceGraph(List.of(nsg, kept, o1, o2, o3));
    Map<String, List<Resource>> orphans = g.orphans(NSG, "securityRules");
    assertEquals(List.of("nsg-elsewhere", "nsg-other"), List.copyOf(orphans.keySet()));
    assertEquals(List.of(o1, o2), orphans.get("nsg-elsewhere"));
    assertEquals(List.of(o3), orphans.get("nsg-other"));
    assertEquals(List.of("r0"), names(g.children(g.find(NSG, "nsg-here").orElseThrow(), "securityRules")));
  }
}
