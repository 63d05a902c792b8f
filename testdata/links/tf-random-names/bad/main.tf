# Names from random_string and azurecaf_name results, known only after apply: symbols, so the
# compute's subnet ID, rebuilt as a string from the same results, still names this subnet.
resource "random_string" "suffix" {
  length  = 5
  special = false
  upper   = false
}

resource "azurecaf_name" "vnet" {
  name          = "ml"
  resource_type = "azurerm_virtual_network"
  random_length = 4
}

resource "azurerm_virtual_network" "ml" {
  name                = azurecaf_name.vnet.result
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

# no NSG, no service endpoint, no policy
# expect: AMLX-10, AMLX-11, AMLX-20
resource "azurerm_subnet" "train" {
  name                 = "snet-train-${random_string.suffix.result}"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/${azurecaf_name.vnet.result}/subnets/snet-train-${random_string.suffix.result}"
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
