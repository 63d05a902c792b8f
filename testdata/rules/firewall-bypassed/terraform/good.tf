variable "caller_route_table_id" {
  type = string
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "a" {
  name                 = "snet-a"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_route_table" "ml" {
  name                = "rt-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  route {
    name                   = "to-fw"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.hub.ip_configuration[0].private_ip_address
  }

  route {
    name           = "aml"
    address_prefix = "AzureMachineLearning"
    next_hop_type  = "Internet"
  }

  route {
    name           = "batch"
    address_prefix = "BatchNodeManagement.westeurope"
    next_hop_type  = "Internet"
  }
}

resource "azurerm_subnet_route_table_association" "a" {
  subnet_id      = azurerm_subnet.a.id
  route_table_id = azurerm_route_table.ml.id
}

# the route table comes from the caller
resource "azurerm_subnet" "b" {
  name                 = "snet-b"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.2.0/24"]
}

resource "azurerm_subnet_route_table_association" "b" {
  subnet_id      = azurerm_subnet.b.id
  route_table_id = var.caller_route_table_id
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

resource "azurerm_machine_learning_compute_instance" "a" {
  name                          = "ci-a"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.a.id
}

resource "azurerm_machine_learning_compute_cluster" "b" {
  name                          = "cpu-b"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.b.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30M"
  }
}

resource "azurerm_firewall" "hub" {
  name                = "fw-hub"
  location            = "westeurope"
  resource_group_name = "rg-hub"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_firewall_application_rule_collection" "ml" {
  name                = "ml-egress"
  azure_firewall_name = azurerm_firewall.hub.name
  resource_group_name = "rg-hub"
  priority            = 100
  action              = "Allow"

  rule {
    name             = "aml"
    source_addresses = ["10.10.0.0/16"]
    target_fqdns     = ["ml.azure.com", "mcr.microsoft.com", "*.data.mcr.microsoft.com"]

    protocol {
      port = "443"
      type = "Https"
    }
  }
}
