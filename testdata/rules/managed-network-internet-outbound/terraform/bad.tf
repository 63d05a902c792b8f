variable "isolation" {
  type    = string
  default = "AllowInternetOutbound"
}

resource "azurerm_machine_learning_workspace" "explicit" {
  name                          = "mlw-explicit"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    # expect: AMLX-03
    isolation_mode = "AllowInternetOutbound"
  }

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
  public_network_access_enabled = false

  managed_network {
    # expect: AMLX-03
    isolation_mode = var.isolation
  }

  identity {
    type = "SystemAssigned"
  }
}
