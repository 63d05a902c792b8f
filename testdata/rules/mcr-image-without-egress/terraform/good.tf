variable "image_from_caller" {
  type = string
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
    name                       = "out-mcr"
    priority                   = 130
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "MicrosoftContainerRegistry"
  }

  security_rule {
    name                       = "out-mcr-frontdoor"
    priority                   = 140
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureFrontDoor.FirstParty"
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

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "compute" {
  subnet_id                 = azurerm_subnet.compute.id
  network_security_group_id = azurerm_network_security_group.ml.id
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
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

resource "azapi_resource" "train" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "${azurerm_machine_learning_workspace.ws.id}/environments/train"
  body = {
    properties = {
      image = "mcr.microsoft.com/azureml/curated/acpt-pytorch-2.2-cuda12.1:latest"
    }
  }
}

# a private registry, not MCR
resource "azapi_resource" "custom" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "${azurerm_machine_learning_workspace.ws.id}/environments/custom"
  body = {
    properties = {
      image = "contoso.azurecr.io/train:1"
    }
  }
}

resource "azapi_resource" "caller" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01"
  name      = "1"
  parent_id = "${azurerm_machine_learning_workspace.ws.id}/environments/caller"
  body = {
    properties = {
      image = var.image_from_caller
    }
  }
}
