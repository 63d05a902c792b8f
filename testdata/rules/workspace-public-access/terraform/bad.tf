variable "public_access" {
  type    = bool
  default = true
}

resource "azurerm_machine_learning_workspace" "explicit" {
  name                          = "mlw-explicit"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  # expect: AMLX-06
  public_network_access_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

# public_network_access_enabled omitted: azurerm 4.x and 5.x default it to true
# expect: AMLX-06
resource "azurerm_machine_learning_workspace" "omitted" {
  name                    = "mlw-omitted"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "from_variable" {
  name                          = "mlw-var"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  # expect: AMLX-06
  public_network_access_enabled = var.public_access

  identity {
    type = "SystemAssigned"
  }
}
