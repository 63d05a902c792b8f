variable "default_hop" {
  type    = string
  default = "Internet"
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

# no route table association
# expect: AMLX-32
resource "azurerm_subnet" "a" {
  name                 = "snet-a"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
}

resource "azurerm_subnet" "b" {
  name                 = "snet-b"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.2.0/24"]
}

# the variable's default sends 0.0.0.0/0 to Internet, not to the firewall
# expect: AMLX-32
resource "azurerm_route_table" "b" {
  name                = "rt-b"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  route {
    name           = "default"
    address_prefix = "0.0.0.0/0"
    next_hop_type  = var.default_hop
  }
}

resource "azurerm_subnet_route_table_association" "b" {
  subnet_id      = azurerm_subnet.b.id
  route_table_id = azurerm_route_table.b.id
}

resource "azurerm_subnet" "c" {
  name                 = "snet-c"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.3.0/24"]
}

# public-IP compute (node_public_ip_enabled not set) behind the firewall without the
# management routes: an INFO note
# expect: AMLX-32
resource "azurerm_route_table" "c" {
  name                = "rt-c"
  location            = "westeurope"
  resource_group_name = "rg-ml"

  route {
    name                   = "to-fw"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.hub.ip_configuration[0].private_ip_address
  }
}

resource "azurerm_subnet_route_table_association" "c" {
  subnet_id      = azurerm_subnet.c.id
  route_table_id = azurerm_route_table.c.id
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

resource "azurerm_machine_learning_compute_cluster" "a" {
  name                          = "cpu-a"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_DS3_V2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.a.id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30M"
  }
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

resource "azurerm_machine_learning_compute_instance" "c" {
  name                          = "ci-c"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.c.id
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
