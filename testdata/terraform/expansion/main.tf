variable "rules" {
  default = {
    "deny-internet" = { priority = 4000, access = "Deny", dest = "Internet" }
    "allow-ml"      = { priority = 100, access = "Allow", dest = "AzureMachineLearning" }
  }
}

variable "subnets" {
  default = ["a", "b"]
}

variable "instances" {
  type = number
}

variable "enabled" {
  type = bool
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-x"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_security_rule" "this" {
  for_each                    = var.rules
  name                        = each.key
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = each.value.priority
  direction                   = "Outbound"
  access                      = each.value.access
  protocol                    = "*"
  destination_address_prefix  = each.value.dest
}

resource "azurerm_subnet" "s" {
  count                = length(var.subnets)
  name                 = "snet-${var.subnets[count.index]}"
  resource_group_name  = "rg"
  virtual_network_name = "vnet-x"
  address_prefixes     = [cidrsubnet("10.0.0.0/16", 8, count.index)]
}

resource "azurerm_subnet" "set" {
  for_each             = toset(var.subnets)
  name                 = "set-${each.value}"
  resource_group_name  = "rg"
  virtual_network_name = "vnet-x"
}

resource "azurerm_network_security_rule" "maybe" {
  count                       = var.enabled ? 1 : 0
  name                        = "maybe"
  resource_group_name         = "rg"
  network_security_group_name = "nsg-x"
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
}

resource "azurerm_network_security_rule" "many" {
  count                       = var.instances
  name                        = "many-${count.index}"
  resource_group_name         = "rg"
  network_security_group_name = "nsg-x"
  priority                    = 300 + count.index
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "*"
}

resource "azurerm_machine_learning_compute_cluster" "cc" {
  name                          = "cc"
  location                      = "westeurope"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
  subnet_resource_id            = azurerm_subnet.s[1].id
  node_public_ip_enabled        = false
}

module "net" {
  source   = "./modules/net"
  for_each = { east = "10.1.0.0/16", west = "10.2.0.0/16" }
  name     = each.key
  cidr     = each.value
}

module "one" {
  source = "./modules/net"
  count  = 1
  name   = "one"
  cidr   = "10.3.0.0/16"
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci"
  virtual_machine_size          = "STANDARD_DS2_V2"
  machine_learning_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
  subnet_resource_id            = module.net["west"].subnet_ids[1]
}

resource "azurerm_network_security_group" "dyn" {
  name                = "nsg-dyn"
  location            = "westeurope"
  resource_group_name = "rg"

  dynamic "security_rule" {
    for_each = var.rules
    content {
      name                       = security_rule.key
      priority                   = security_rule.value.priority
      direction                  = "Outbound"
      access                     = security_rule.value.access
      destination_address_prefix = security_rule.value.dest
    }
  }

  dynamic "security_rule" {
    for_each = [250]
    iterator = p
    content {
      name     = "iterated-${p.key}"
      priority = p.value
    }
  }
}
