resource "random_string" "suffix" {
  length  = 5
  special = false
  upper   = false
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-${random_string.suffix.result}"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

module "snet" {
  source    = "./snet"
  vnet_name = azurerm_virtual_network.ml.name
}

output "subnet_id" {
  value = module.snet.id
}

output "spare_subnet_id" {
  value = "${azurerm_virtual_network.ml.id}/subnets/snet-spare"
}
