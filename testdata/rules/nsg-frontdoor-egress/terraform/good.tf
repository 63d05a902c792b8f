variable "destination_from_caller" {
  type = string
}

resource "azurerm_network_security_group" "ml" {
  name                = "nsg-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  security_rule {
    name                       = "deny-internet"
    priority                   = 150
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "out-afd-shadowed"
    priority                   = 300
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureFrontDoor.Frontend"
  }

  security_rule {
    name                       = "out-mcr"
    priority                   = 130
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureFrontDoor.FirstParty"
  }
}

resource "azurerm_network_security_rule" "caller_decides" {
  name                        = "out-caller"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.ml.name
  priority                    = 140
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = var.destination_from_caller
}

resource "azurerm_network_security_rule" "shadowed_standalone" {
  name                        = "out-afd-late"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.ml.name
  priority                    = 500
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "AzureFrontDoor.Frontend"
}
