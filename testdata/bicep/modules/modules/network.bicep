param location string
param prefix string
param rules array

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${location}'
  location: location
  properties: {
    securityRules: [for (r, i) in rules: {
      name: 'allow-${r.port}'
      properties: {
        access: 'Allow'
        direction: 'Outbound'
        priority: 100 + i
        protocol: 'Tcp'
        sourceAddressPrefix: 'VirtualNetwork'
        sourcePortRange: '*'
        destinationAddressPrefix: 'AzureFrontDoor.Frontend'
        destinationPortRange: string(r.port)
      }
    }]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${location}'
  location: location
  properties: {
    addressSpace: { addressPrefixes: [prefix] }
    subnets: [
      {
        name: 'snet-compute'
        properties: {
          addressPrefix: replace(prefix, '.0.0/16', '.1.0/24')
          networkSecurityGroup: { id: nsg.id }
        }
      }
    ]
  }
}

output subnetId string = '${vnet.id}/subnets/snet-compute'
output nsgName string = nsg.name
