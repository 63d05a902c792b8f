variable "alias_resources" {
  type    = list(string)
  default = ["/services/Azure/MachineLearning"]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "omitted_service" {
  name                = "sep-omitted-service"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "aml-alias"
    # service omitted: azurerm sends Microsoft.Storage
    # expect: AMLX-13
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

resource "azurerm_subnet_service_endpoint_storage_policy" "explicit_storage" {
  name                = "sep-explicit-storage"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "aml-alias"
    service           = "Microsoft.Storage"
    # expect: AMLX-13
    service_resources = var.alias_resources
  }
}

resource "azurerm_subnet_service_endpoint_storage_policy" "mixed" {
  name                = "sep-mixed"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name    = "everything"
    service = "Global"
    service_resources = [
      "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01",
      # expect: AMLX-13
      "/services/Azure/MachineLearning",
    ]
  }
}
