resource "azurerm_network_security_group" "ok" {
  name                = "nsg-survives"
  location            = "westeurope"
  resource_group_name = "rg-ml"
}
