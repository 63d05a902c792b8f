# every type with only what the provider requires: the mapping adds nothing but documented defaults

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-e"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "snet5" {
  name                 = "snet-e"
  resource_group_name  = "rg"
  virtual_network_name = "vnet-e"
}

resource "azurerm_ai_foundry" "hub" {
  name                = "hub-e"
  location            = "westeurope"
  resource_group_name = "rg"
  storage_account_id  = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
}

resource "azurerm_ai_foundry_project" "project" {
  name               = "proj-e"
  location           = "westeurope"
  ai_services_hub_id = azurerm_ai_foundry.hub.id
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "fqdn" {
  name             = "fqdn-e"
  workspace_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
  destination_fqdn = "pypi.org"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "tag" {
  name         = "tag-e"
  workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
  service_tag  = "AzureMachineLearning"
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "pe" {
  name                = "pe-e"
  workspace_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
  service_resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  sub_resource_target = "blob"
}

resource "azurerm_firewall" "fw" {
  name                = "fw-e"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_firewall_application_rule_collection" "app" {
  name                = "app-e"
  azure_firewall_name = "fw-e"
  resource_group_name = "rg"
  priority            = 100
  action              = "Allow"
}

resource "azurerm_firewall_network_rule_collection" "net" {
  name                = "net-e"
  azure_firewall_name = "fw-e"
  resource_group_name = "rg"
  priority            = 100
  action              = "Allow"
}

resource "azurerm_firewall_policy" "policy" {
  name                = "fwp-e"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_firewall_policy_rule_collection_group" "rcg" {
  name               = "rcg-e"
  firewall_policy_id = azurerm_firewall_policy.policy.id
  priority           = 200
}

resource "azurerm_route_table" "rt" {
  name                = "rt-e"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_route" "route" {
  name                = "route-e"
  resource_group_name = "rg"
  route_table_name    = "rt-e"
  address_prefix      = "0.0.0.0/0"
  next_hop_type       = "Internet"
}

resource "azurerm_storage_account" "st" {
  name                     = "ste"
  location                 = "westeurope"
  resource_group_name      = "rg"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "pe" {
  name                = "pe-e"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-e/subnets/snet-e"

  private_service_connection {
    name                           = "blob"
    is_manual_connection           = false
    private_connection_resource_id = azurerm_storage_account.st.id
  }
}

resource "azapi_resource" "env" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2024-04-01"
  name      = "1"
  parent_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw/environments/train"
}

resource "azapi_update_resource" "noop" {
  type      = "Microsoft.Network/virtualNetworks@2024-05-01"
  name      = "vnet-elsewhere"
  parent_id = "/subscriptions/s/resourceGroups/rg"
}
