# Every mapped azurerm type with only its required arguments: what the provider fills in.

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-empty"
  location            = "westeurope"
  resource_group_name = "rg-ml"
}

resource "azurerm_network_security_rule" "rule" {
  name                        = "allow-https"
  resource_group_name         = "rg-ml"
  network_security_group_name = "nsg-empty"
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
}

resource "azurerm_subnet" "snet" {
  name                 = "snet-empty"
  resource_group_name  = "rg-ml"
  virtual_network_name = "vnet-ml"
  address_prefixes     = ["10.1.0.0/24"]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "sep" {
  name                = "sep-empty"
  resource_group_name = "rg-ml"
  location            = "westeurope"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw-empty"
  location                = "westeurope"
  resource_group_name     = "rg-ml"
  application_insights_id = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cluster" {
  name                          = "cc-empty"
  location                      = "westeurope"
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-empty"

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_compute_instance" "instance" {
  name                          = "ci-empty"
  machine_learning_workspace_id = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-empty/"
  virtual_machine_size          = "STANDARD_DS2_V2"
}
