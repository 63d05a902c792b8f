variable "storage_fqdns" {
  type    = list(string)
  default = ["*.blob.core.windows.net"]
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

# no service endpoint and no policy: storage traffic goes through the firewall
resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

# the Microsoft.Storage endpoint and a policy with the ML alias: storage bypasses the firewall
resource "azurerm_subnet" "secure" {
  name                        = "snet-secure"
  resource_group_name         = "rg-ml"
  virtual_network_name        = azurerm_virtual_network.ml.name
  address_prefixes            = ["10.10.2.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.ml.id]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "ml" {
  name                = "sep-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"

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

resource "azurerm_machine_learning_compute_cluster" "secure" {
  name                          = "gpu-cluster"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_NC6"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.secure.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_firewall" "hub" {
  name                = "fw-hub"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_firewall_application_rule_collection" "ml" {
  name                = "ml-egress"
  azure_firewall_name = azurerm_firewall.hub.name
  resource_group_name = "rg-ml"
  priority            = 100
  action              = "Allow"

  rule {
    name             = "everything"
    source_addresses = ["10.10.0.0/16"]
    # expect: AMLX-30
    target_fqdns     = ["*"]

    protocol {
      port = "443"
      type = "Https"
    }
  }

  rule {
    name             = "storage"
    source_addresses = ["10.10.1.0/24"]
    # the variable's default; snet-compute has no SE+SEP
    # expect: AMLX-30
    target_fqdns     = var.storage_fqdns

    protocol {
      port = "443"
      type = "Https"
    }
  }

  rule {
    name             = "secure-storage"
    source_addresses = ["10.10.2.0/24"]
    # snet-secure's storage traffic takes its service endpoint: an INFO note
    # expect: AMLX-30
    target_fqdns     = ["*.queue.core.windows.net"]

    protocol {
      port = "443"
      type = "Https"
    }
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
      name             = "cdn"
      source_addresses = ["*"]
      # expect: AMLX-30
      destination_fqdns = ["*.azureedge.net"]

      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}
