data "azurerm_subscription" "current" {}

resource "azurerm_subnet_service_endpoint_storage_policy" "accounts" {
  name                = "sep-accounts"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service           = "Microsoft.Storage"
    service_resources = ["/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

# known only at plan time: no finding
resource "azurerm_subnet_service_endpoint_storage_policy" "data" {
  name                = "sep-from-data"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "st"
    service           = "Microsoft.Storage"
    service_resources = [data.azurerm_subscription.current.id]
  }
}
