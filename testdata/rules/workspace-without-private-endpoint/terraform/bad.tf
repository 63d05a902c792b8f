variable "workspace_public" {
  type    = bool
  default = true
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.9.0/24"]
}

# no private endpoint
# expect: AMLX-41
resource "azurerm_machine_learning_workspace" "a" {
  name                          = "mlw-a"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "b" {
  name                          = "mlw-b"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  # a private endpoint, but public access stays on through the variable's default: LOW
  # expect: AMLX-41
  public_network_access_enabled = var.workspace_public

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "b" {
  name                = "pe-mlw-b"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "ws"
    is_manual_connection           = false
    private_connection_resource_id = azurerm_machine_learning_workspace.b.id
    subresource_names              = ["amlworkspace"]
  }
}

resource "azurerm_machine_learning_compute_instance" "a" {
  name                          = "ci-a"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.a.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
}

resource "azurerm_machine_learning_compute_instance" "b" {
  name                          = "ci-b"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.b.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
}
