variable "storage_ids" {
  type = list(string)
}

resource "azurerm_subnet_service_endpoint_storage_policy" "dyn" {
  name                = "sep-dynamic"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "static"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }

  dynamic "definition" {
    for_each = var.storage_ids
    content {
      name              = "storage-${definition.key}"
      service_resources = [definition.value]
    }
  }

  dynamic "other_block" {
    for_each = []
    content {
      name = "ignored"
    }
  }
}
