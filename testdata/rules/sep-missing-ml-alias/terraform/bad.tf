variable "policy_resources" {
  type    = list(string)
  default = ["/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01"]
}

# only the storage account: the alias is missing
# expect: AMLX-12
resource "azurerm_subnet_service_endpoint_storage_policy" "storage_only" {
  name                = "sep-storage-only"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service           = "Microsoft.Storage"
    service_resources = var.policy_resources
  }
}

# the alias without service = "Global": azurerm sends Microsoft.Storage, where the alias does not count
# expect: AMLX-12
resource "azurerm_subnet_service_endpoint_storage_policy" "service_omitted" {
  name                = "sep-service-omitted"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "aml-alias"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                        = "snet-compute"
  resource_group_name         = "rg-ml"
  virtual_network_name        = azurerm_virtual_network.ml.name
  address_prefixes            = ["10.10.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [
    azurerm_subnet_service_endpoint_storage_policy.storage_only.id,
    azurerm_subnet_service_endpoint_storage_policy.service_omitted.id,
  ]
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
