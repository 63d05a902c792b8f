# no default: the caller decides, and Unknown is never a finding
variable "image_from_caller" {
  type = string
}

resource "azapi_resource" "mcr" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01/environments/sklearn-env"
  body = {
    properties = {
      osType = "Linux"
      image  = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04"
    }
  }
}

resource "azapi_resource" "mirrored" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01/environments/mirrored-env"
  body = {
    properties = {
      image = "crmlprivate.azurecr.io/viennaglobal.azurecr.io/azureml/base:latest"
    }
  }
}

resource "azapi_resource" "unknown" {
  type      = "Microsoft.MachineLearningServices/registries/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/registries/reg-shared/environments/caller-env"
  body = {
    properties = {
      image = var.image_from_caller
    }
  }
}
