variable "builder" {
  type    = string
  default = "builder-open"
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-01"
  location                      = "westeurope"
  resource_group_name           = "rg-ml"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id            = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  public_network_access_enabled = false
  # expect: AMLX-52
  image_build_compute_name      = var.builder

  identity {
    type = "SystemAssigned"
  }
}

# no outbound Deny
resource "azurerm_network_security_group" "open" {
  name                = "nsg-open"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  security_rule {
    name                       = "out-batch"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "BatchNodeManagement.westeurope"
  }

  security_rule {
    name                       = "out-azureml"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureMachineLearning"
  }

  security_rule {
    name                       = "out-storage"
    priority                   = 120
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "Storage.westeurope"
  }
}

resource "azurerm_subnet" "open" {
  name                 = "snet-open"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
  service_endpoints    = ["Microsoft.Storage"]
}

resource "azurerm_subnet_network_security_group_association" "open" {
  subnet_id                 = azurerm_subnet.open.id
  network_security_group_id = azurerm_network_security_group.open.id
}

resource "azurerm_machine_learning_compute_cluster" "builder_open" {
  name                          = "builder-open"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.open.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
