resource "random_string" "suffix" {
  length  = 4
  special = false
  upper   = false
}

resource "azurerm_ip_group" "ml" {
  name                = "ipg-ml-${random_string.suffix.result}"
  location            = "westeurope"
  resource_group_name = "rg-hub"
  cidrs               = ["10.10.1.0/24"]
}

output "id" {
  value = azurerm_ip_group.ml.id
}

output "spare_id" {
  value = "/subscriptions/0000/resourceGroups/rg-hub/providers/Microsoft.Network/ipGroups/ipg-spare-${random_string.suffix.result}"
}
