variable "instance_public_ip" {
  type    = bool
  default = false
}

# no default: the caller decides, and Unknown is never a finding
variable "public_ip_from_caller" {
  type = bool
}

resource "azurerm_machine_learning_compute_cluster" "private" {
  name                          = "cpu-private"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  node_public_ip_enabled        = false
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_compute_instance" "from_variable" {
  name                          = "ci-var"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  node_public_ip_enabled        = var.instance_public_ip
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"
}

resource "azurerm_machine_learning_compute_instance" "unknown" {
  name                          = "ci-unknown"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  node_public_ip_enabled        = var.public_ip_from_caller
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"
}

# count = 0: not deployed
resource "azurerm_machine_learning_compute_instance" "disabled" {
  count                         = 0
  name                          = "ci-disabled"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-01"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}
