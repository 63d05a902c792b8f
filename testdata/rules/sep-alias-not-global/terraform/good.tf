variable "alias_service" {
  type = string
}

resource "azurerm_subnet_service_endpoint_storage_policy" "ml" {
  name                = "sep-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service           = "Microsoft.Storage"
    service_resources = ["/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01"]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

# the service comes from the caller: Unknown, so no finding
resource "azurerm_subnet_service_endpoint_storage_policy" "unknown_service" {
  name                = "sep-unknown-service"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "aml-alias"
    service           = var.alias_service
    service_resources = ["/services/Azure/MachineLearning"]
  }
}
