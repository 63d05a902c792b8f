variable "isolation" {
  type    = string
  default = "AllowInternetOutbound"
}

variable "compute_subnet_id" {
  type    = string
  default = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"
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

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = "vnet-ml"
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_machine_learning_compute_cluster" "in_subnet" {
  name                          = "cpu-subnet"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.approved.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  node_public_ip_enabled        = false
  # expect: AMLX-05
  subnet_resource_id            = azurerm_subnet.compute.id

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_workspace" "from_variable" {
  name                          = "mlw-var"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false

  managed_network {
    isolation_mode = var.isolation
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_instance" "subnet_from_variable" {
  name                          = "ci-var"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.from_variable.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  node_public_ip_enabled        = false
  # expect: AMLX-05
  subnet_resource_id            = var.compute_subnet_id
}
