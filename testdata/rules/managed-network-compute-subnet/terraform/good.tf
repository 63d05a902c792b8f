# no default: the caller decides, and Unknown is never a finding
variable "subnet_from_caller" {
  type = string
}

resource "azurerm_machine_learning_workspace" "vnet" {
  name                          = "mlw-vnet"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = "Disabled"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_instance" "in_subnet" {
  name                          = "ci-subnet"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.vnet.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  node_public_ip_enabled        = false
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"
}

resource "azurerm_machine_learning_workspace" "approved" {
  name                          = "mlw-approved"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  identity {
    type = "SystemAssigned"
  }
}

# azurerm >= 4.18: no public IP and no subnet is the managed-network design
resource "azurerm_machine_learning_compute_cluster" "managed" {
  name                          = "cpu-managed"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.approved.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_compute_instance" "subnet_unknown" {
  name                          = "ci-subnet-unknown"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.approved.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  node_public_ip_enabled        = false
  subnet_resource_id            = var.subnet_from_caller
}
