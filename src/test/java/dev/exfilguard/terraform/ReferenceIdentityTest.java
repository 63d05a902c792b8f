package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Value;
import org.junit.jupiter.api.Test;

/**
 * A reference to a resource's {@code id} carries which instance it names, through locals, try,
 * conditionals and for_each keys, whatever the resource's name evaluates to; values known only
 * after apply are symbols of their instance.
 */
class ReferenceIdentityTest {
  private static final String HCL = """
      variable "names" {
        default = ["a", "b"]
      }
      variable "pick" {
        default = true
      }
      resource "random_string" "s" {
        length = 4
      }
      resource "azurerm_virtual_network" "v" {
        name                = "vnet-${random_string.s.result}"
        resource_group_name = "rg"
      }
      resource "azurerm_subnet" "x" {
        name                 = "snet-${random_string.s.result}"
        resource_group_name  = "rg"
        virtual_network_name = azurerm_virtual_network.v.name
      }
      resource "azurerm_subnet" "each" {
        for_each             = toset(var.names)
        name                 = "snet-${each.key}"
        resource_group_name  = "rg"
        virtual_network_name = "vnet-fixed"
      }
      locals {
        subnet = azurerm_subnet.x.id
      }
      """;

  @Test
  void theIdOfAnInstanceCarriesItsAddressThroughLocalsTryAndConditionals() throws Exception {
    ModuleScope scope = Tf.textScope(HCL);
    for (String e : new String[] {"azurerm_subnet.x.id", "local.subnet", "try(azurerm_subnet.x.id, \"\")",
        "var.pick ? azurerm_subnet.x.id : null"}) {
      Value v = Tf.eval(scope, e);
      assertEquals("azurerm_subnet.x", v.meta().ref(), e);
    }
    assertEquals("azurerm_subnet.each[\"b\"]", Tf.eval(scope, "azurerm_subnet.each[\"b\"].id").meta().ref());
  }

  @Test
  void anIdBuiltFromAfterApplyValuesIsATermOfThem() throws Exception {
    Value id = Tf.eval(Tf.textScope(HCL), "azurerm_subnet.x.id");
    assertTrue(id instanceof Value.Unknown u && u.term() != null, id.toString());
    assertTrue(((Value.Unknown) id).term().render()
        .endsWith("/virtualNetworks/vnet-{random_string.s.result}/subnets/snet-{random_string.s.result}"), id.toString());
  }

  @Test
  void aStringBuiltAroundAReferenceIsNotThatReference() throws Exception {
    Value v = Tf.eval(Tf.textScope(HCL), "\"${azurerm_subnet.x.id}/extra\"");
    assertNull(v.meta().ref(), v.toString());
    assertTrue(v instanceof Value.Unknown u && u.term().render().endsWith("/extra"), v.toString());
  }

  @Test
  void aVariableWithoutAValueIsASymbolThatSaysHowToSetIt() throws Exception {
    Value v = Tf.eval(Tf.textScope("variable \"prefix\" {}\n"), "\"${var.prefix}-vnet\"");
    assertTrue(v instanceof Value.Unknown u && u.term() != null, v.toString());
    Value.Unknown u = (Value.Unknown) v;
    assertEquals("{var.prefix}-vnet", u.term().render());
    assertEquals("--var prefix=...", u.term().symbols().get(0).hint());
  }
}
