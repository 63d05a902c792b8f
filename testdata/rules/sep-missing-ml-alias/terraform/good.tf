variable "storage_account_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01"
}

resource "azurerm_subnet_service_endpoint_storage_policy" "ml" {
  name                = "sep-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service           = "Microsoft.Storage"
    service_resources = [var.storage_account_id]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

# the alias definition written with dynamic: its content holds the alias
resource "azurerm_subnet_service_endpoint_storage_policy" "dynamic" {
  name                = "sep-dynamic"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  dynamic "definition" {
    for_each = toset(["aml-alias"])
    content {
      name              = definition.value
      service           = "Global"
      service_resources = ["/services/Azure/MachineLearning"]
    }
  }
}

# a storage-only policy on a subnet without ML compute needs no ML alias
resource "azurerm_subnet_service_endpoint_storage_policy" "webapp" {
  name                = "sep-webapp"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "st"
    service           = "Microsoft.Storage"
    service_resources = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stweb"]
  }
}

resource "azurerm_subnet" "compute" {
  name                        = "snet-compute"
  resource_group_name         = "rg-ml"
  virtual_network_name        = "vnet-ml"
  address_prefixes            = ["10.10.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.ml.id, azurerm_subnet_service_endpoint_storage_policy.dynamic.id]
}

resource "azurerm_subnet" "webapp" {
  name                        = "snet-webapp"
  resource_group_name         = "rg-ml"
  virtual_network_name        = "vnet-ml"
  address_prefixes            = ["10.10.9.0/24"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.webapp.id]
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-01"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
}
