resource "azurerm_resource_group" "rg" {
  name     = "rg-g"
  location = "westeurope"
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-g"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.0.0.0/16"]

  subnet {
    name             = "snet-inline"
    address_prefixes = ["10.0.2.0/24"]
  }
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.Storage"]
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-g"
  location            = "westeurope"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_route_table" "rt" {
  name                = "rt-g"
  location            = "westeurope"
  resource_group_name = azurerm_resource_group.rg.name

  route {
    name                   = "default-to-fw"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.0.4"
  }
}

resource "azurerm_subnet_network_security_group_association" "compute" {
  subnet_id                 = azurerm_subnet.compute.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}

resource "azurerm_subnet_route_table_association" "inline" {
  subnet_id      = "${azurerm_virtual_network.vnet.id}/subnets/snet-inline"
  route_table_id = azurerm_route_table.rt.id
}

data "azurerm_subnet" "shared" {
  name                 = "snet-shared"
  virtual_network_name = "vnet-shared"
  resource_group_name  = "rg-shared"
}

resource "azurerm_machine_learning_compute_cluster" "on_shared" {
  name                          = "cc-shared"
  location                      = "westeurope"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  subnet_resource_id            = data.azurerm_subnet.shared.id
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-g"
  location                      = "westeurope"
  resource_group_name           = azurerm_resource_group.rg.name
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "st" {
  name                     = "stg"
  location                 = "westeurope"
  resource_group_name      = azurerm_resource_group.rg.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "st" {
  storage_account_id         = azurerm_storage_account.st.id
  default_action             = "Deny"
  bypass                     = ["AzureServices"]
  virtual_network_subnet_ids = [azurerm_subnet.compute.id]
}

resource "azapi_resource" "sep" {
  type      = "Microsoft.Network/serviceEndpointPolicies@2023-09-01"
  name      = "sep-azapi"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      serviceEndpointPolicyDefinitions = [
        {
          name = "aml"
          properties = {
            service          = "Global"
            serviceResources = ["/services/Azure/MachineLearning"]
          }
        }
      ]
    }
  }
}

resource "azapi_resource" "sep_json" {
  type      = "Microsoft.Network/serviceEndpointPolicies@2022-07-01"
  name      = "sep-json"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = jsonencode({
    properties = {
      serviceEndpointPolicyDefinitions = [{
        name       = "storage"
        properties = { service = "Microsoft.Storage", serviceResources = [azurerm_storage_account.st.id] }
      }]
    }
  })
}

resource "azapi_resource" "subnet" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"
  name      = "snet-azapi"
  parent_id = azurerm_virtual_network.vnet.id
  body = {
    properties = {
      addressPrefix = "10.0.9.0/24"
    }
  }
}

resource "azapi_update_resource" "ws_network" {
  type        = "Microsoft.MachineLearningServices/workspaces@2024-04-01"
  resource_id = azurerm_machine_learning_workspace.ws.id
  body = {
    properties = {
      managedNetwork = {
        isolationMode = "AllowInternetOutbound"
      }
    }
  }
}

resource "azurerm_resource_group_template_deployment" "inline" {
  name                = "arm-inline"
  resource_group_name = azurerm_resource_group.rg.name
  deployment_mode     = "Incremental"
  template_content    = <<TEMPLATE
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2024-05-01",
      "name": "nsg-arm-inline",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          {
            "name": "out-afd",
            "properties": {
              "direction": "Outbound", "access": "Allow", "priority": 300, "protocol": "Tcp",
              "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*",
              "destinationAddressPrefix": "AzureFrontDoor.Frontend", "destinationPortRange": "443"
            }
          },
          {
            "name": "out-batch",
            "properties": {
              "direction": "Outbound", "access": "Allow", "priority": 100, "protocol": "*",
              "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*",
              "destinationAddressPrefix": "BatchNodeManagement.westeurope", "destinationPortRange": "443"
            }
          },
          {
            "name": "out-azureml",
            "properties": {
              "direction": "Outbound", "access": "Allow", "priority": 110, "protocol": "Tcp",
              "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*",
              "destinationAddressPrefix": "AzureMachineLearning", "destinationPortRange": "443"
            }
          },
          {
            "name": "out-storage",
            "properties": {
              "direction": "Outbound", "access": "Allow", "priority": 120, "protocol": "Tcp",
              "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*",
              "destinationAddressPrefix": "Storage.westeurope", "destinationPortRange": "443"
            }
          },
          {
            "name": "deny-internet-out",
            "properties": {
              "direction": "Outbound", "access": "Deny", "priority": 4000, "protocol": "*",
              "sourceAddressPrefix": "*", "sourcePortRange": "*",
              "destinationAddressPrefix": "Internet", "destinationPortRange": "*"
            }
          }
        ]
      }
    }
  ]
}
TEMPLATE
}

resource "azurerm_resource_group_template_deployment" "from_file" {
  name                = "arm-file"
  resource_group_name = azurerm_resource_group.rg.name
  deployment_mode     = "Incremental"
  template_content    = file("${path.module}/templates/nsg.json")
}

resource "azurerm_resource_group_template_deployment" "outside" { # a file outside the repository is never read
  name                = "arm-outside"
  resource_group_name = azurerm_resource_group.rg.name
  deployment_mode     = "Incremental"
  template_content    = file("/etc/hosts")
}

resource "azurerm_network_security_rule" "from_files" {
  name                        = "from-files"
  resource_group_name         = azurerm_resource_group.rg.name
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = 500
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  description                 = templatefile("${path.module}/templates/description.tpl", { tags = ["Internet", "Storage"], owner = "ml" })
  destination_address_prefix  = trimspace(file("${path.module}/templates/destination.txt"))
}

# the two deployed NSGs guard the subnets of two compute clusters
resource "azurerm_subnet" "arm_inline" {
  name                 = "snet-arm-inline"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.3.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "arm_inline" {
  subnet_id                 = azurerm_subnet.arm_inline.id
  network_security_group_id = "${azurerm_resource_group.rg.id}/providers/Microsoft.Network/networkSecurityGroups/nsg-arm-inline"
  depends_on                = [azurerm_resource_group_template_deployment.inline]
}

resource "azurerm_machine_learning_compute_cluster" "on_arm_inline" {
  name                          = "cc-arm-inline"
  location                      = "westeurope"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  subnet_resource_id            = azurerm_subnet.arm_inline.id
  node_public_ip_enabled        = false
}

resource "azurerm_subnet" "arm_file" {
  name                 = "snet-arm-file"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.4.0/24"]
}

resource "azurerm_subnet_network_security_group_association" "arm_file" {
  subnet_id                 = azurerm_subnet.arm_file.id
  network_security_group_id = "${azurerm_resource_group.rg.id}/providers/Microsoft.Network/networkSecurityGroups/nsg-arm-file"
  depends_on                = [azurerm_resource_group_template_deployment.from_file]
}

resource "azurerm_machine_learning_compute_cluster" "on_arm_file" {
  name                          = "cc-arm-file"
  location                      = "westeurope"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  subnet_resource_id            = azurerm_subnet.arm_file.id
  node_public_ip_enabled        = false
}
