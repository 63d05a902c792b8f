variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

resource "azurerm_virtual_network" "v" {
  name                = "vnet-${var.name}"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = [var.cidr]
}

resource "azurerm_subnet" "s" {
  count                = 2
  name                 = "snet-${count.index}"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = [cidrsubnet(var.cidr, 8, count.index)]
}

output "subnet_ids" {
  value = azurerm_subnet.s[*].id
}
