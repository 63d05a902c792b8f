variable "location" {
  type    = string
  default = "swedencentral"
}

variable "workspace_id" {
  type    = string
  default = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-shared"
}

variable "public_ip" {
  type        = bool
  description = "whether compute nodes get public IPs"
  default     = true
}
