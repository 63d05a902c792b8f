variable "caller_fqdn" {
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

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "automl" {
  name             = "automl"
  workspace_id     = azurerm_machine_learning_workspace.ws.id
  destination_fqdn = "automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "caller" {
  name             = "caller"
  workspace_id     = azurerm_machine_learning_workspace.ws.id
  destination_fqdn = var.caller_fqdn
}

resource "azurerm_firewall_policy" "hub" {
  name                = "fwp-hub"
  location            = "westeurope"
  resource_group_name = "rg-hub"
}

resource "azurerm_firewall_policy_rule_collection_group" "aml" {
  name               = "rcg-aml"
  firewall_policy_id = azurerm_firewall_policy.hub.id
  priority           = 200

  application_rule_collection {
    name     = "aml-app"
    priority = 100
    action   = "Allow"

    rule {
      name             = "batch"
      source_addresses = ["10.10.1.0/24"]
      destination_fqdns = [
        "*.westeurope.batch.azure.com",
        "*.westeurope.service.batch.azure.com",
      ]

      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}
