variable "vnet_id" {
  type = string
}

variable "nsg_name" {
  type = string
}

resource "random_string" "suffix" {
  length  = 4
  special = false
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-${random_string.suffix.result}"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "train" {
  name                 = "snet-train"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_network_security_group" "ml" {
  name                = "nsg-${random_string.suffix.result}"
  location            = "westeurope"
  resource_group_name = "rg-ml"
}

# the NSG's ID is rebuilt from a variable rather than referenced: it may or may not be this NSG
resource "azurerm_subnet_network_security_group_association" "train" {
  subnet_id                 = azurerm_subnet.train.id
  # expect: EXFG-03
  network_security_group_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/networkSecurityGroups/${var.nsg_name}"
}

resource "azurerm_machine_learning_compute_cluster" "linked" {
  name                          = "cpu-linked"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  # a reference: linked whatever the names are
  subnet_resource_id            = azurerm_subnet.train.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_machine_learning_compute_cluster" "undecided" {
  name                          = "cpu-undecided"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-01"
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  # the VNet's ID comes from a variable: whether this is snet-train of vnet-... depends on it
  # expect: EXFG-03
  subnet_resource_id            = "${var.vnet_id}/subnets/snet-train"
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
