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
  image_build_compute_name      = "builder"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_network_security_group" "ml" {
  name                = "nsg-ml"
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

  security_rule {
    name                       = "deny-internet-out"
    priority                   = 4000
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "Internet"
  }
}

resource "azurerm_subnet_service_endpoint_storage_policy" "ml" {
  name                = "sep-ml"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name              = "ws-storage"
    service           = "Microsoft.Storage"
    service_resources = ["/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"]
  }

  definition {
    name              = "aml-alias"
    service           = "Global"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.ml.id]
}

resource "azurerm_subnet_network_security_group_association" "compute" {
  subnet_id                 = azurerm_subnet.compute.id
  network_security_group_id = azurerm_network_security_group.ml.id
}

resource "azurerm_machine_learning_compute_cluster" "builder" {
  name                          = "builder"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
