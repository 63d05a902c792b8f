variable "caller_fqdns" {
  type = list(string)
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

resource "azurerm_subnet" "jumpbox" {
  name                 = "snet-jumpbox"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.5.0/24"]
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-01"
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

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_firewall_policy" "hub" {
  name                = "fwp-hub"
  location            = "westeurope"
  resource_group_name = "rg-ml"
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
      name             = "ml"
      source_addresses = ["10.10.1.0/24"]
      destination_fqdns = [
        "ml.azure.com",
        "automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net",
        "*.westeurope.batch.azure.com",
        "*.westeurope.service.batch.azure.com",
        "mcr.microsoft.com",
        "*.data.mcr.microsoft.com",
      ]

      protocols {
        type = "Https"
        port = 443
      }
    }

    rule {
      name              = "jumpbox-browsing"
      source_addresses  = ["10.10.5.0/24"]
      destination_fqdns = ["*"]

      protocols {
        type = "Https"
        port = 443
      }
    }

    rule {
      name              = "caller-list"
      source_addresses  = ["10.10.1.0/24"]
      destination_fqdns = var.caller_fqdns

      protocols {
        type = "Https"
        port = 443
      }
    }
  }

  application_rule_collection {
    name     = "deny-rest"
    priority = 4000
    action   = "Deny"

    rule {
      name              = "all"
      source_addresses  = ["*"]
      destination_fqdns = ["*"]

      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}
