variable "studio_tag" {
  type    = string
  default = "AzureFrontDoor.Frontend"
}

resource "azurerm_network_security_group" "ml" {
  name                = "nsg-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  security_rule {
    name                       = "out-afd"
    priority                   = 300
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    # expect: AMLX-22
    destination_address_prefix = "AzureFrontDoor.Frontend"
  }

  security_rule {
    name                       = "deny-internet"
    priority                   = 4000
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "Internet"
  }
}

# a standalone rule links to its NSG by name and resource group
resource "azurerm_network_security_rule" "studio" {
  name                        = "out-studio"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.ml.name
  priority                    = 310
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["443"]
  source_address_prefix       = "*"
  # expect: AMLX-22
  destination_address_prefix  = var.studio_tag
}

resource "azurerm_network_security_group" "list_form" {
  name                = "nsg-list-form"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  security_rule = [
    {
      name                                       = "out-afd"
      priority                                   = 200
      direction                                  = "Outbound"
      access                                     = "Allow"
      protocol                                   = "Tcp"
      source_port_range                          = "*"
      source_port_ranges                         = []
      destination_port_range                     = "443"
      destination_port_ranges                    = []
      source_address_prefix                      = "10.10.1.0/24"
      source_address_prefixes                    = []
      # expect: AMLX-22
      destination_address_prefix                 = "AzureFrontDoor.FrontEnd"
      destination_address_prefixes               = []
      source_application_security_group_ids      = []
      destination_application_security_group_ids = []
      description                                = "studio"
    },
  ]
}
