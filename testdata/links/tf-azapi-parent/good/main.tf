# The workspace's name is known only after apply; the compute names it as its parent by reference.
resource "random_string" "suffix" {
  length  = 5
  special = false
  upper   = false
}

resource "azapi_resource" "ws" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-${random_string.suffix.result}"
  parent_id = "/subscriptions/0000/resourceGroups/rg-ml"
  location  = "westeurope"
  body = {
    properties = {
      publicNetworkAccess = "Disabled"
    }
  }
}

# its parent is mlw-...-dr, a workspace this source never declares: only a note (INFO), not HIGH
# expect: AMLX-01
resource "azapi_resource" "cpu" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "cpu"
  parent_id = "${azapi_resource.ws.id}-dr"
  location  = "westeurope"
  body = {
    properties = {
      computeType = "AmlCompute"
      properties = {
        vmSize             = "STANDARD_DS3_V2"
        enableNodePublicIp = false
      }
    }
  }
}
