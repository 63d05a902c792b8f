variable "tag_from_caller" {
  type = string
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-managed"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "pypi" {
  name             = "pypi"
  workspace_id     = azurerm_machine_learning_workspace.ws.id
  destination_fqdn = "pypi.org"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "mcr" {
  name         = "mcr"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  service_tag  = "MicrosoftContainerRegistry"
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "firstparty" {
  name         = "firstparty"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  service_tag  = "AzureFrontDoor.FirstParty"
  protocol     = "TCP"
  port_ranges  = "443"
}

# the caller decides: unknown, no finding
resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "caller" {
  name         = "caller"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  service_tag  = var.tag_from_caller
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "data" {
  name                = "data-blob"
  workspace_id        = azurerm_machine_learning_workspace.ws.id
  service_resource_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stdata"
  sub_resource_target = "blob"
}
