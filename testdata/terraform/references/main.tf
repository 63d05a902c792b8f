variable "nsg_name" {
  type = string
}

variable "enable_debug_rule" {
  type    = number
  default = 0
}

resource "azurerm_network_security_group" "main" {
  name                = "nsg-refs"
  location            = "westeurope"
  resource_group_name = "rg-ml"
}

resource "azurerm_network_security_rule" "by_name" {
  name                        = "deny-internet"
  resource_group_name         = "rg-ml"
  network_security_group_name = azurerm_network_security_group.main.name
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  destination_address_prefix  = "Internet"
}

resource "azurerm_network_security_rule" "unknown_parent" {
  name                        = "allow-any"
  resource_group_name         = "rg-ml"
  network_security_group_name = var.nsg_name
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
  destination_address_prefix  = var.nsg_name
}

resource "azurerm_subnet" "ml" {
  name                        = "snet-refs"
  resource_group_name         = "rg-ml"
  virtual_network_name        = "vnet-refs"
  address_prefixes            = ["10.9.0.0/24"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.sep.id, data.azurerm_policy.p.id]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "sep" {
  name                = "sep-refs"
  resource_group_name = "rg-ml"
  location            = "westeurope"
}

resource "azurerm_network_security_rule" "debug" {
  count                       = 0
  name                        = "debug-allow-all"
  resource_group_name         = "rg-ml"
  network_security_group_name = "nsg-refs"
  priority                    = 101
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
}

resource "azurerm_network_security_rule" "debug_by_var" {
  count                       = var.enable_debug_rule
  name                        = "debug-by-var"
  resource_group_name         = "rg-ml"
  network_security_group_name = "nsg-refs"
  priority                    = 102
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
}

resource "azurerm_network_security_rule" "count_one" {
  count                       = 1
  name                        = "kept"
  resource_group_name         = "rg-ml"
  network_security_group_name = "nsg-refs"
  priority                    = 103
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
}

resource "azurerm_key_vault" "unmapped" {
  name = "stunmapped"
}
