resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

# expect: AMLX-10, AMLX-11, AMLX-20
resource "azurerm_subnet" "train" {
  name                 = "snet-train"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

output "subnet_id" {
  value = azurerm_subnet.train.id
}

output "spare_subnet_id" {
  value = "${azurerm_virtual_network.ml.id}/subnets/snet-spare"
}
