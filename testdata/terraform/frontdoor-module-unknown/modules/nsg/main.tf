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

# the NSG keeps compute off the internet, except for what Azure ML needs
resource "azurerm_network_security_rule" "batch" {
  name                        = "out-batch"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.this.name
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "BatchNodeManagement.${var.location}"
}

resource "azurerm_network_security_rule" "azureml" {
  name                        = "out-azureml"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.this.name
  priority                    = 110
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "AzureMachineLearning"
}

resource "azurerm_network_security_rule" "storage" {
  name                        = "out-storage"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.this.name
  priority                    = 120
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "Storage.${var.location}"
}

resource "azurerm_network_security_rule" "deny_internet" {
  name                        = "deny-internet-out"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.this.name
  priority                    = 4000
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "Internet"
}

output "id" {
  value = azurerm_network_security_group.this.id
}
