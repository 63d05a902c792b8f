variable "location" {
  type    = string
  default = "westeurope"
}

variable "resource_group_name" {
  type    = string
  default = "rg-demo-ml"
}

variable "workspace_id" {
  description = "ID of the Azure ML workspace the compute joins."
  type        = string
  default     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-demo-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-demo-tf"
}

variable "storage_account_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-demo-ml/providers/Microsoft.Storage/storageAccounts/stdemotf01"
}
