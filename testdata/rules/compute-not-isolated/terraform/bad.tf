variable "isolation" {
  type    = string
  default = "Disabled"
}

data "azurerm_machine_learning_workspace" "shared" {
  name                = "mlw-shared"
  resource_group_name = "rg-ml"
}

resource "azurerm_machine_learning_workspace" "plain" {
  name                    = "mlw-plain"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  identity {
    type = "SystemAssigned"
  }
}

# no managed_network block and no subnet_resource_id
# expect: AMLX-01
resource "azurerm_machine_learning_compute_cluster" "no_subnet" {
  name                          = "cpu-no-subnet"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.plain.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_workspace" "disabled" {
  name                    = "mlw-disabled"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  managed_network {
    isolation_mode = "Disabled"
  }

  identity {
    type = "SystemAssigned"
  }
}

# an empty subnet_resource_id is no subnet
# expect: AMLX-01
resource "azurerm_machine_learning_compute_instance" "empty_subnet" {
  name                          = "ci-empty-subnet"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.disabled.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = ""
}

resource "azurerm_machine_learning_workspace" "from_variable" {
  name                    = "mlw-var"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  managed_network {
    isolation_mode = var.isolation
  }

  identity {
    type = "SystemAssigned"
  }
}

# expect: AMLX-01
resource "azurerm_machine_learning_compute_instance" "var_workspace" {
  name                          = "ci-var"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.from_variable.id
  virtual_machine_size          = "STANDARD_DS3_V2"
}

# the workspace is read from a data source: an INFO note, not HIGH
# expect: AMLX-01
resource "azurerm_machine_learning_compute_instance" "data_workspace" {
  name                          = "ci-data"
  machine_learning_workspace_id = data.azurerm_machine_learning_workspace.shared.id
  virtual_machine_size          = "STANDARD_DS3_V2"
}

# a workspace ID of a workspace deployed elsewhere: INFO as well
# expect: AMLX-01
resource "azurerm_machine_learning_compute_cluster" "literal_workspace" {
  name                          = "cpu-elsewhere"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-elsewhere"
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
