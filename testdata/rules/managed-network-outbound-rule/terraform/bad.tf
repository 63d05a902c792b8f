variable "studio_tag" {
  type    = string
  default = "AzureFrontDoor.Frontend"
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

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "storage" {
  name         = "storage"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  # expect: AMLX-04
  service_tag  = "Storage"
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "studio" {
  name         = "studio"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  # expect: AMLX-04
  service_tag  = var.studio_tag
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "frontdoor" {
  name             = "frontdoor"
  workspace_id     = azurerm_machine_learning_workspace.ws.id
  # expect: AMLX-04
  destination_fqdn = "*.azurefd.net"
}
