# every attribute each type maps, azurerm 3.x, 4.x and 5.x spellings

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-c"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]

  # azurerm 3.x inline form
  subnet {
    name           = "snet-v3"
    address_prefix = "10.0.1.0/24"
    security_group = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-c"
  }

  # azurerm 4.x inline form
  subnet {
    name                            = "snet-v4"
    address_prefixes                = ["10.0.2.0/24"]
    service_endpoints               = ["Microsoft.Storage"]
    service_endpoint_policy_ids     = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/serviceEndpointPolicies/sep"]
    route_table_id                  = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-c"
    default_outbound_access_enabled = false
  }

  # azurerm 5.x inline form
  subnet {
    name             = "snet-v5"
    address_prefixes = ["10.0.3.0/24"]
    service_endpoint {
      service = "Microsoft.Storage.Global"
    }
  }
}

resource "azurerm_subnet" "snet5" {
  name                 = "snet-c"
  resource_group_name  = "rg"
  virtual_network_name = "vnet-c"
  address_prefixes     = ["10.0.4.0/24"]

  service_endpoint {
    service            = "Microsoft.Storage"
    network_identifier = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-c"
  }

  delegation {
    name = "aci"
    service_delegation {
      name    = "Microsoft.ContainerInstance/containerGroups"
      actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
    }
  }

  default_outbound_access_enabled      = false
  network_security_group_id_wo         = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-c"
  network_security_group_id_wo_version = 1
  route_table_id_wo                    = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-c"
}

resource "azurerm_ai_foundry" "hub" {
  name                    = "hub-c"
  location                = "westeurope"
  resource_group_name     = "rg"
  storage_account_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id            = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi"
  container_registry_id   = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"
  public_network_access   = "Disabled"

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw-c"
  location                = "westeurope"
  resource_group_name     = "rg"
  application_insights_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi"
  key_vault_id            = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  storage_account_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  v1_legacy_mode_enabled  = false

  managed_network {
    isolation_mode                = "AllowInternetOutbound"
    provision_on_creation_enabled = true
  }

  serverless_compute {
    subnet_id = azurerm_subnet.snet5.id
  }
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_service_tag" "tag" {
  name         = "afd"
  workspace_id = azurerm_machine_learning_workspace.ws.id
  service_tag  = "AzureFrontDoor.Frontend"
  protocol     = "TCP"
  port_ranges  = "443"
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "pe" {
  name                = "pe-c"
  workspace_id        = azurerm_machine_learning_workspace.ws.id
  service_resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  sub_resource_target = "blob"
  spark_enabled       = true
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-c"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  authorization_type            = "personal"
  local_auth_enabled            = false

  ssh {
    public_key = "ssh-rsa AAAA"
  }
}

resource "azurerm_firewall" "fw" {
  name                = "fw-c"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Premium"
  firewall_policy_id  = azurerm_firewall_policy.policy.id
  threat_intel_mode   = "Deny"

  ip_configuration {
    name                 = "ipconfig"
    subnet_id            = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-c/subnets/AzureFirewallSubnet"
    public_ip_address_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip"
  }
}

resource "azurerm_firewall_application_rule_collection" "app" {
  name                = "app-c"
  azure_firewall_name = azurerm_firewall.fw.name
  resource_group_name = "rg"
  priority            = 100
  action              = "Allow"

  rule {
    name             = "any-fqdn"
    source_addresses = ["10.0.2.0/24"]
    target_fqdns     = ["*"]

    protocol {
      port = "443"
      type = "Https"
    }
  }
}

resource "azurerm_firewall_network_rule_collection" "net" {
  name                = "net-c"
  azure_firewall_name = azurerm_firewall.fw.name
  resource_group_name = "rg"
  priority            = 200
  action              = "Allow"

  rule {
    name                  = "afd"
    source_addresses      = ["10.0.2.0/24"]
    destination_addresses = ["AzureFrontDoor.Frontend"]
    destination_ports     = ["443"]
    protocols             = ["TCP"]
  }
}

resource "azurerm_firewall_policy" "policy" {
  name                     = "fwp-c"
  location                 = "westeurope"
  resource_group_name      = "rg"
  sku                      = "Premium"
  threat_intelligence_mode = "Deny"

  dns {
    proxy_enabled = true
  }
}

resource "azurerm_firewall_policy_rule_collection_group" "rcg" {
  name               = "rcg-c"
  firewall_policy_id = azurerm_firewall_policy.policy.id
  priority           = 200

  application_rule_collection {
    name     = "aml-app"
    priority = 100
    action   = "Allow"
    rule {
      name              = "aml"
      source_addresses  = ["10.0.2.0/24"]
      destination_fqdns = ["ml.azure.com"]
      protocols {
        type = "Https"
        port = 443
      }
    }
  }

  network_rule_collection {
    name     = "aml-net"
    priority = 110
    action   = "Deny"
    rule {
      name                  = "storage"
      protocols             = ["TCP"]
      source_addresses      = ["10.0.2.0/24"]
      destination_addresses = ["Storage"]
      destination_ports     = ["443"]
    }
  }
}

resource "azurerm_route_table" "rt" {
  name                          = "rt-c"
  location                      = "westeurope"
  resource_group_name           = "rg"
  bgp_route_propagation_enabled = false

  route {
    name                   = "default-to-fw"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.0.4"
  }
}

resource "azurerm_route_table" "rt3" {
  name                          = "rt-v3"
  location                      = "westeurope"
  resource_group_name           = "rg"
  disable_bgp_route_propagation = true
}

resource "azurerm_route" "aml" {
  name                = "aml-mgmt"
  resource_group_name = "rg"
  route_table_name    = azurerm_route_table.rt.name
  address_prefix      = "AzureMachineLearning"
  next_hop_type       = "Internet"
}

resource "azurerm_storage_account" "st" {
  name                            = "stc"
  location                        = "westeurope"
  resource_group_name             = "rg"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  account_kind                    = "StorageV2"
  public_network_access_enabled   = false
  allow_nested_items_to_be_public = false

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices", "Logging"]
    ip_rules                   = ["203.0.113.7"]
    virtual_network_subnet_ids = [azurerm_subnet.snet5.id]
    private_link_access {
      endpoint_resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-c"
    }
  }
}

resource "azurerm_private_endpoint" "pe" {
  name                = "pe-c"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.snet5.id

  private_service_connection {
    name                           = "blob"
    is_manual_connection           = false
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
  }

  private_service_connection {
    name                           = "file-manual"
    is_manual_connection           = true
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["file"]
    request_message                = "please"
  }
}

resource "azurerm_subnet_nat_gateway_association" "nat" {
  subnet_id      = azurerm_subnet.snet5.id
  nat_gateway_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/natGateways/nat"
}

resource "azapi_resource" "env" {
  type      = "Microsoft.MachineLearningServices/workspaces/environments/versions@2024-04-01"
  name      = "1"
  parent_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-c/environments/train"
  body = {
    properties = {
      image = "viennaglobal.azurecr.io/azureml/base:latest"
    }
  }
}

resource "azapi_update_resource" "elsewhere" {
  type        = "Microsoft.Network/networkSecurityGroups@2024-05-01"
  resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-elsewhere"
  body = jsonencode({
    properties = { securityRules = [] }
  })
}

resource "azurerm_storage_account" "st3" {
  name                     = "st3x"
  location                 = "westeurope"
  resource_group_name      = "rg"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# azurerm 3.x: the rule set names its account instead of giving its ID
resource "azurerm_storage_account_network_rules" "st3" {
  storage_account_name = azurerm_storage_account.st3.name
  resource_group_name  = "rg"
  default_action       = "Deny"
}
