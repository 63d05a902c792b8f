variable "vnet_name" {
  type = string
}

# expect: AMLX-10, AMLX-11, AMLX-20
resource "azurerm_subnet" "this" {
  name                 = "snet-train"
  resource_group_name  = "rg-ml"
  virtual_network_name = var.vnet_name
  address_prefixes     = ["10.10.1.0/24"]
}

output "id" {
  value = azurerm_subnet.this.id
}
