# Every mapped azurerm type with the arguments exfilguard maps, set away from their defaults.

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-complete"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  security_rule {
    name                       = "deny-internet"
    description                = "no internet egress"
    priority                   = 4000
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "Internet"
  }

  security_rule {
    name                         = "allow-storage"
    priority                     = 100
    direction                    = "Outbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_port_ranges           = ["1024-65535"]
    destination_port_ranges      = ["443", "445"]
    source_address_prefixes      = ["10.0.1.0/24", "10.0.2.0/24"]
    destination_address_prefixes = ["Storage.WestEurope"]
  }
}

resource "azurerm_network_security_group" "listform" {
  name                = "nsg-listform"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  security_rule = [
    {
      name                                       = "allow-frontdoor"
      priority                                   = 300
      direction                                  = "Outbound"
      access                                     = "Allow"
      protocol                                   = "Tcp"
      source_port_range                          = "*"
      destination_port_range                     = "443"
      source_address_prefix                      = "*"
      destination_address_prefix                 = "AzureFrontDoor.Frontend"
      description                                = null
      source_port_ranges                         = []
      destination_port_ranges                    = []
      source_address_prefixes                    = []
      destination_address_prefixes               = []
      source_application_security_group_ids      = []
      destination_application_security_group_ids = ["/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Network/applicationSecurityGroups/asg-ml"]
    },
  ]
}

resource "azurerm_network_security_rule" "rule" {
  name                                  = "allow-ml"
  description                           = "ml service tag"
  resource_group_name                   = "rg-ml"
  network_security_group_name           = azurerm_network_security_group.nsg.name
  priority                              = 110
  direction                             = "Outbound"
  access                                = "Allow"
  protocol                              = "Tcp"
  source_port_range                     = "*"
  destination_port_range                = "443"
  source_application_security_group_ids = ["/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Network/applicationSecurityGroups/asg-ml"]
  destination_address_prefix            = "AzureMachineLearning"
}

resource "azurerm_subnet" "snet" {
  name                        = "snet-complete"
  resource_group_name         = "rg-ml"
  virtual_network_name        = "vnet-ml"
  address_prefixes            = ["10.1.0.0/24", "10.1.1.0/24"]
  service_endpoints           = ["Microsoft.Storage"]
  service_endpoint_policy_ids = [azurerm_subnet_service_endpoint_storage_policy.sep.id]
}

resource "azurerm_subnet_service_endpoint_storage_policy" "sep" {
  name                = "sep-complete"
  resource_group_name = "rg-ml"
  location            = "westeurope"

  definition {
    name        = "storage"
    description = "our storage only"
    service     = "Microsoft.Storage"
    service_resources = [
      "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st",
    ]
  }

  definition {
    name    = "ml-alias"
    service = "Global"
    service_resources = [
      "/services/Azure/MachineLearning",
    ]
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                                         = "mlw-complete"
  location                                     = "westeurope"
  resource_group_name                          = "rg-ml"
  kind                                         = "Default"
  application_insights_id                      = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Insights/components/appi"
  key_vault_id                                 = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id                           = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/st"
  container_registry_id                        = "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.ContainerRegistry/registries/acr"
  image_build_compute_name                     = "cc-complete"
  public_network_access_enabled                = false
  public_access_behind_virtual_network_enabled = false

  identity {
    type = "SystemAssigned"
  }

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }

  serverless_compute {
    subnet_id         = azurerm_subnet.snet.id
    public_ip_enabled = false
  }
}

resource "azurerm_machine_learning_compute_cluster" "cluster" {
  name                          = "cc-complete"
  location                      = "westeurope"
  vm_priority                   = "LowPriority"
  vm_size                       = "Standard_DS3_v2"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  subnet_resource_id            = azurerm_subnet.snet.id
  node_public_ip_enabled        = false
  ssh_public_access_enabled     = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT5M"
  }
}

resource "azurerm_machine_learning_compute_instance" "instance" {
  name                          = "ci-complete"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS2_V2"
  subnet_resource_id            = azurerm_subnet.snet.id
  node_public_ip_enabled        = false
}
