variable "caller_public" {
  type = bool
}

resource "azurerm_storage_account" "disabled" {
  name                          = "stdisabled"
  resource_group_name           = "rg-ml"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "deny" {
  name                     = "stdeny"
  resource_group_name      = "rg-ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "deny" {
  storage_account_id = azurerm_storage_account.deny.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
}

resource "azurerm_storage_account" "private" {
  name                     = "stprivate"
  resource_group_name      = "rg-ml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "private_file" {
  name                = "pe-stprivate-file"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  subnet_id           = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-pe"

  private_service_connection {
    name                           = "file"
    is_manual_connection           = false
    private_connection_resource_id = azurerm_storage_account.private.id
    subresource_names              = ["file"]
  }
}

resource "azurerm_storage_account" "caller" {
  name                          = "stcaller"
  resource_group_name           = "rg-ml"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = var.caller_public
}

resource "azurerm_machine_learning_workspace" "ws" {
  for_each                      = { disabled = azurerm_storage_account.disabled.id, deny = azurerm_storage_account.deny.id, private = azurerm_storage_account.private.id, caller = azurerm_storage_account.caller.id }
  name                          = "mlw-${each.key}"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = each.value
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}
