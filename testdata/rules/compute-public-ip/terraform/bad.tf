variable "cluster_public_ip" {
  type    = bool
  default = true
}

resource "azurerm_machine_learning_compute_cluster" "explicit" {
  name                          = "cpu-explicit"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  # expect: AMLX-02
  node_public_ip_enabled        = true

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

# node_public_ip_enabled omitted: azurerm defaults it to true
# expect: AMLX-02
resource "azurerm_machine_learning_compute_instance" "omitted" {
  name                          = "ci-omitted"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
}

resource "azurerm_machine_learning_compute_cluster" "from_variable" {
  name                          = "cpu-var"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "LowPriority"
  # expect: AMLX-02
  node_public_ip_enabled        = var.cluster_public_ip

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw-01"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  identity {
    type = "SystemAssigned"
  }
}

# a managed network: reported as an INFO note, not LOW
resource "azurerm_machine_learning_workspace" "managed" {
  name                    = "mlw-managed"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "managed" {
  name                          = "cpu-managed"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.managed.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  # expect: AMLX-02
  node_public_ip_enabled        = true

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
