resource "azurerm_network_security_group" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = "rg-ml"
}

resource "azurerm_network_security_rule" "studio" {
  name                        = "out-studio"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.this.name
  priority                    = 300
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = var.destination
}

output "id" {
  value = azurerm_network_security_group.this.id
}
