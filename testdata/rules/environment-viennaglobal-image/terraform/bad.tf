# azurerm has no ML environment resource; environments are declared through azapi
variable "training_image" {
  type    = string
  default = "viennaglobal.azurecr.io/azureml/base-gpu:openmpi3.1.2-cuda10.1-cudnn7-ubuntu18.04"
}

resource "azapi_resource" "sklearn_env" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments@2025-06-01"
  name      = "sklearn-env"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  body = {
    properties = {
      description = "scikit-learn training"
    }
  }
}

resource "azapi_resource" "sklearn_v1" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = azapi_resource.sklearn_env.id
  body = {
    properties = {
      osType = "Linux"
      # expect: AMLX-50
      image = "viennaglobal.azurecr.io/azureml/base:intelmpi2018.3-ubuntu16.04"
    }
  }
}

resource "azapi_resource" "registry_env" {
  type      = "Microsoft.MachineLearningServices/registries/environments/versions@2025-06-01"
  name      = "3"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/registries/reg-shared/environments/pytorch-env"
  body = {
    properties = {
      # expect: AMLX-50
      image = var.training_image
    }
  }
}

# azapi 1.x: the body is a JSON string
resource "azapi_resource" "legacy_body" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2023-10-01"
  name      = "2"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01/environments/train-env"
  # expect: AMLX-50
  body = jsonencode({
    properties = {
      image = "VIENNAGLOBAL.azurecr.io/azureml/base:latest"
    }
  })
}
