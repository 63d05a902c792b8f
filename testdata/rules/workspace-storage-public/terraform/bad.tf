variable "storage_public" {
  type    = bool
  default = true
}

# public_network_access_enabled and network_rules not set: azurerm's defaults are public
# expect: AMLX-40
resource "azurerm_storage_account" "a" {
  name                     = "stdefault"
  resource_group_name      = "rg-ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "b" {
  name                          = "stparam"
  resource_group_name           = "rg-ml"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  # the variable's default
  # expect: AMLX-40
  public_network_access_enabled = var.storage_public

  network_rules {
    default_action = "Allow"
  }
}

resource "azurerm_machine_learning_workspace" "a" {
  name                          = "mlw-a"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = azurerm_storage_account.a.id
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
  storage_account_id            = azurerm_storage_account.b.id
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}
