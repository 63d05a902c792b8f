# exfilguard demo: the same design in Terraform (azurerm 4.x). Written for the demo.

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-demo-tf"
  location            = var.location
  resource_group_name = var.resource_group_name
  address_space       = ["10.30.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                        = "snet-compute"
  resource_group_name         = var.resource_group_name
  virtual_network_name        = azurerm_virtual_network.ml.name
  address_prefixes            = ["10.30.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.compute.id]
}

resource "azurerm_network_security_group" "compute" {
  name                = "nsg-demo-tf-compute"
  location            = var.location
  resource_group_name = var.resource_group_name

  security_rule {
    name                       = "out-batch"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "BatchNodeManagement.${var.location}"
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
    priority                   = 115
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "Storage.${var.location}"
  }

  security_rule {
    name                       = "deny-internet"
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

resource "azurerm_network_security_rule" "studio" {
  name                        = "out-studio"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.compute.name
  priority                    = 120
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "VirtualNetwork"
  destination_address_prefix  = "AzureFrontDoor.Frontend"
}

resource "azurerm_subnet_network_security_group_association" "compute" {
  subnet_id                 = azurerm_subnet.compute.id
  network_security_group_id = azurerm_network_security_group.compute.id
}

resource "azurerm_subnet_service_endpoint_storage_policy" "compute" {
  name                = "sep-demo-tf-compute"
  resource_group_name = var.resource_group_name
  location            = var.location

  definition {
    name              = "workspace-storage"
    service           = "Microsoft.Storage"
    service_resources = [var.storage_account_id]
  }

  definition {
    name              = "azure-ml"
    service_resources = ["/services/Azure/MachineLearning"]
  }
}

resource "azurerm_machine_learning_compute_instance" "dev" {
  name                          = "ci-demo-dev"
  machine_learning_workspace_id = var.workspace_id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
}
