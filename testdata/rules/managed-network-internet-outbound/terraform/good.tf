# no default: the caller decides, and Unknown is never a finding
variable "isolation_from_caller" {
  type = string
}

variable "approved" {
  type    = string
  default = "AllowOnlyApprovedOutbound"
}

resource "azurerm_machine_learning_workspace" "approved" {
  name                          = "mlw-approved"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = var.approved
  }

  identity {
    type = "SystemAssigned"
  }
}

# no managed_network block: Disabled, which AMLX-01 judges through the computes
resource "azurerm_machine_learning_workspace" "none" {
  name                          = "mlw-none"
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

resource "azurerm_machine_learning_workspace" "unknown" {
  name                          = "mlw-unknown"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = var.isolation_from_caller
  }

  identity {
    type = "SystemAssigned"
  }
}
