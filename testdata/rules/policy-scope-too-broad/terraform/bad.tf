variable "scope" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-data"
}

data "azurerm_subscription" "current" {}

resource "azurerm_subnet_service_endpoint_storage_policy" "subscription" {
  name                = "sep-subscription"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "st"
    service           = "Microsoft.Storage"
    # expect: AMLX-15
    service_resources = ["/subscriptions/0000"]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

resource "azurerm_subnet_service_endpoint_storage_policy" "param" {
  name                = "sep-param"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "st"
    service           = "Microsoft.Storage"
    # expect: AMLX-15
    service_resources = [var.scope]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

# service omitted: azurerm sends Microsoft.Storage
resource "azurerm_subnet_service_endpoint_storage_policy" "omitted" {
  name                = "sep-omitted-service"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "st"
    # expect: AMLX-15
    service_resources = ["/providers/Microsoft.Management/managementGroups/corp"]
  }
}
