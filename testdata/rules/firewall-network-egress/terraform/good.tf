variable "caller_destinations" {
  type = list(string)
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                        = "snet-compute"
  resource_group_name         = "rg-ml"
  virtual_network_name        = azurerm_virtual_network.ml.name
  address_prefixes            = ["10.10.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.ml.id]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "ml" {
  name                = "sep-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service_resources = ["/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
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

resource "azurerm_machine_learning_compute_instance" "dev" {
  name                          = "ci-dev"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
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

  network_rule_collection {
    name     = "aml-net"
    priority = 100
    action   = "Allow"

    rule {
      name                  = "required"
      protocols             = ["TCP"]
      source_addresses      = ["10.10.1.0/24"]
      destination_addresses = ["AzureMachineLearning", "BatchNodeManagement.westeurope", "AzureFrontDoor.FirstParty", "MicrosoftContainerRegistry.westeurope"]
      destination_ports     = ["443"]
    }

    # storage from snet-compute takes its service endpoint, narrowed by sep-ml
    rule {
      name                  = "storage"
      protocols             = ["TCP"]
      source_addresses      = ["10.10.1.0/24"]
      destination_addresses = ["Storage.westeurope"]
      destination_ports     = ["443"]
    }

    rule {
      name                  = "dns"
      protocols             = ["UDP"]
      source_addresses      = ["10.10.1.0/24"]
      destination_addresses = ["*"]
      destination_ports     = ["53"]
    }

    rule {
      name                  = "caller"
      protocols             = ["TCP"]
      source_addresses      = ["10.10.1.0/24"]
      destination_addresses = var.caller_destinations
      destination_ports     = ["443"]
    }
  }

  network_rule_collection {
    name     = "deny-rest"
    priority = 4000
    action   = "Deny"

    rule {
      name                  = "all"
      protocols             = ["Any"]
      source_addresses      = ["*"]
      destination_addresses = ["*"]
      destination_ports     = ["*"]
    }
  }
}
