resource "azurerm_subnet" "broken" {
  name = "snet-broken"
  address_prefixes = ["10.0.0.0/24"
}
