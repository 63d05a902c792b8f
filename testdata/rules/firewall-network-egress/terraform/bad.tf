variable "studio_tag" {
  type    = string
  default = "AzureFrontDoor.Frontend"
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-ml"
  location            = "westeurope"
  resource_group_name = "rg-ml"
  address_space       = ["10.10.0.0/16"]
}

# no service endpoint and no policy
resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = "rg-ml"
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.10.1.0/24"]
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

resource "azurerm_machine_learning_compute_instance" "dev" {
  name                          = "ci-dev"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
}

# the firewall itself is in the hub's configuration
resource "azurerm_firewall_network_rule_collection" "ml" {
  name                = "ml-net"
  azure_firewall_name = "fw-hub"
  resource_group_name = "rg-hub"
  priority            = 100
  action              = "Allow"

  rule {
    name                  = "studio"
    source_addresses      = ["10.10.1.0/24"]
    # the variable's default
    # expect: AMLX-31
    destination_addresses = [var.studio_tag]
    destination_ports     = ["443"]
    protocols             = ["TCP"]
  }

  rule {
    name                  = "anything"
    source_addresses      = ["10.10.0.0/16"]
    # expect: AMLX-31
    destination_addresses = ["0.0.0.0/0"]
    destination_ports     = ["*"]
    protocols             = ["Any"]
  }
}

resource "azurerm_firewall_policy" "hub" {
  name                = "fwp-hub"
  location            = "westeurope"
  resource_group_name = "rg-ml"
}

resource "azurerm_firewall_policy_rule_collection_group" "aml" {
  name               = "rcg-aml"
  firewall_policy_id = azurerm_firewall_policy.hub.id
  priority           = 200

  network_rule_collection {
    name     = "aml-net"
    priority = 100
    action   = "Allow"

    rule {
      name                  = "storage"
      protocols             = ["TCP"]
      source_addresses      = ["10.10.1.0/24"]
      # snet-compute has no SE+SEP: every storage account is reachable
      # expect: AMLX-31
      destination_addresses = ["Storage"]
      destination_ports     = ["443"]
    }

    rule {
      name                  = "cloud"
      protocols             = ["TCP"]
      source_addresses      = ["*"]
      # expect: AMLX-31
      destination_addresses = ["AzureCloud"]
      destination_ports     = ["443"]
    }
  }
}
