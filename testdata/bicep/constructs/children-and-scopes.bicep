// nested children, '::', parent:, existing with scope:, loops with index and filter, @batchSize
param subnets array = [
  { name: 'snet-a', prefix: '10.0.1.0/24', deploy: true }
  { name: 'snet-b', prefix: '10.0.2.0/24', deploy: false }
  { name: 'snet-c', prefix: '10.0.3.0/24', deploy: true }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-children'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
  }

  resource first 'subnets' = {
    name: 'snet-nested'
    properties: { addressPrefix: '10.0.0.0/24' }
  }
}

@batchSize(1)
resource loopSubnets 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = [for (s, i) in subnets: if (s.deploy) {
  parent: vnet
  name: s.name
  properties: {
    addressPrefix: s.prefix
    serviceEndpoints: [for svc in ['Microsoft.Storage', 'Microsoft.KeyVault']: { service: svc }]
    routeTable: i == 0 ? { id: resourceId('Microsoft.Network/routeTables', 'rt-first') } : null
  }
}]

resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'vnet-hub'
  scope: resourceGroup('rg-hub')

  resource gateway 'subnets' existing = {
    name: 'GatewaySubnet'
  }
}

output nested string = vnet::first.id
output second string = loopSubnets[2].id
output hubGateway string = hub::gateway.id
output childName string = vnet::first.name
