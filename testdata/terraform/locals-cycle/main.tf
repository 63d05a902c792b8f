locals {
  a  = "${local.b}-a"
  b  = local.c
  c  = upper(local.a)
  ok = "Internet"
}

resource "azurerm_network_security_rule" "r" {
  name                        = "uses-ok"
  resource_group_name         = "rg"
  network_security_group_name = "nsg"
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  destination_address_prefix  = local.ok
  source_address_prefix       = local.a
}
