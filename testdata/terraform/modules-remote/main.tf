module "registry" {
  source  = "Azure/avm-res-network-networksecuritygroup/azurerm"
  version = "0.2.0"
}

module "git" {
  source = "git::https://example.com/modules.git//nsg?ref=v1"
}

module "missing" {
  source = "./does-not-exist"
}

resource "azurerm_network_security_rule" "uses_outputs" {
  name                        = "from-modules"
  resource_group_name         = "rg"
  network_security_group_name = module.registry.name
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  destination_address_prefix  = module.git.tag
  source_address_prefix       = module.missing.cidr
}
