package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** count, for_each and dynamic expand into instances with Terraform's addresses; Unknown sizes give one representative. */
class ExpansionTest {
  private final ReadResult r = Tf.load("expansion").result();

  private Resource at(String address) {
    return AzurermMappingTest.addressed(r, address);
  }

  @Test
  void everyInstanceHasItsTerraformAddress() {
    assertEquals(List.of(), r.diagnostics());
    assertEquals(List.of(
            "azurerm_network_security_group.nsg",
            "azurerm_network_security_rule.this[\"allow-ml\"]",
            "azurerm_network_security_rule.this[\"deny-internet\"]",
            "azurerm_subnet.s[0]",
            "azurerm_subnet.s[1]",
            "azurerm_subnet.set[\"a\"]",
            "azurerm_subnet.set[\"b\"]",
            "azurerm_network_security_rule.maybe",
            "azurerm_network_security_rule.many",
            "azurerm_machine_learning_compute_cluster.cc",
            "azurerm_machine_learning_compute_instance.ci",
            "azurerm_network_security_group.dyn",
            "module.net[\"east\"].azurerm_virtual_network.v",
            "module.net[\"east\"].azurerm_subnet.s[0]",
            "module.net[\"east\"].azurerm_subnet.s[1]",
            "module.net[\"west\"].azurerm_virtual_network.v",
            "module.net[\"west\"].azurerm_subnet.s[0]",
            "module.net[\"west\"].azurerm_subnet.s[1]",
            "module.one[0].azurerm_virtual_network.v",
            "module.one[0].azurerm_subnet.s[0]",
            "module.one[0].azurerm_subnet.s[1]"),
        r.resources().stream().map(Resource::address).toList());
  }

  @Test
  void eachAndCountBindTheirValues() {
    Resource deny = at("azurerm_network_security_rule.this[\"deny-internet\"]");
    assertEquals("nsg-x/deny-internet", deny.name());
    assertEquals("4000", Tf.render(deny.at("properties.priority").orElseThrow()));
    assertEquals("\"Internet\"", Tf.render(deny.at("properties.destinationAddressPrefix").orElseThrow()));
    assertEquals("vnet-x/snet-b", at("azurerm_subnet.s[1]").name());
    assertEquals("[\"10.0.1.0/24\"]", Tf.render(at("azurerm_subnet.s[1]").at("properties.addressPrefixes").orElseThrow()));
    assertEquals("vnet-x/set-a", at("azurerm_subnet.set[\"a\"]").name());
    assertEquals("vnet-east/snet-1", at("module.net[\"east\"].azurerm_subnet.s[1]").name());
    assertEquals("[\"10.1.1.0/24\"]", Tf.render(at("module.net[\"east\"].azurerm_subnet.s[1]").at("properties.addressPrefixes").orElseThrow()));
  }

  @Test
  void unknownCountGivesOneRepresentativeAndAConditionalCountIsMarkedSo() {
    Resource many = at("azurerm_network_security_rule.many");
    assertEquals(Set.of(Resource.Flag.REPRESENTATIVE), many.flags());
    assertEquals("nsg-x/many-{count.index}", many.name(), "the representative's index is a symbol");
    assertInstanceOf(Value.Unknown.class, many.at("properties.priority").orElseThrow());
    assertEquals(Set.of(Resource.Flag.CONDITIONAL), at("azurerm_network_security_rule.maybe").flags());
    assertEquals(Set.of(), at("azurerm_subnet.s[0]").flags());
  }

  @Test
  void indexedReferencesResolveToArmIds() {
    assertEquals(TerraformIds.PREFIX + "Microsoft.Network/virtualNetworks/vnet-x/subnets/snet-b",
        Tf.render(at("azurerm_machine_learning_compute_cluster.cc").at("properties.properties.subnet.id").orElseThrow()).replace("\"", ""));
    // through a for_each module's output, a splat over a counted resource
    assertEquals(TerraformIds.PREFIX + "Microsoft.Network/virtualNetworks/vnet-west/subnets/snet-1",
        Tf.render(at("azurerm_machine_learning_compute_instance.ci").at("properties.properties.subnet.id").orElseThrow()).replace("\"", ""));
  }

  @Test
  void dynamicBlocksExpandPerElementWithTheirIterator() {
    Resource dyn = at("azurerm_network_security_group.dyn");
    assertEquals("[\"allow-ml\",\"deny-internet\",\"iterated-0\"]", Tf.render(
        new Value.Arr(((Value.Arr) dyn.at("properties.securityRules").orElseThrow()).items().stream()
            .map(x -> ((Value.Obj) x).fields().get("name")).toList(), dyn.body().meta())));
    assertEquals("\"AzureMachineLearning\"", Tf.render(dyn.at("properties.securityRules[0].properties.destinationAddressPrefix").orElseThrow()));
    assertEquals("250", Tf.render(dyn.at("properties.securityRules[2].properties.priority").orElseThrow()));
  }

  @Test
  void anUnreasonableCountIsReadAsOneRepresentative() throws Exception {
    ModuleScope scope = Tf.textScope("""
        resource "azurerm_network_security_rule" "r" {
          count = 100000
          name  = "r-${count.index}"
        }
        """);
    var instances = scope.instances("managed", scope.config.resources().get("azurerm_network_security_rule.r"));
    assertEquals(1, instances.size());
    assertEquals(Set.of(Resource.Flag.REPRESENTATIVE), instances.get(0).flags());
  }

  @Test
  void aConditionalOfManyIsBothConditionalAndRepresentative() throws Exception {
    ModuleScope scope = Tf.textScope("""
        variable "on" {
          type = bool
        }
        resource "azurerm_subnet" "s" {
          count = var.on ? 3 : 0
          name  = "s"
        }
        """);
    var instances = scope.instances("managed", scope.config.resources().get("azurerm_subnet.s"));
    assertEquals(Set.of(Resource.Flag.CONDITIONAL, Resource.Flag.REPRESENTATIVE), instances.get(0).flags());
  }
}
