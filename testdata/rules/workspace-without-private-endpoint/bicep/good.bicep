resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      { name: 'snet-compute', properties: { addressPrefix: '10.10.1.0/24' } }
      { name: 'snet-pe', properties: { addressPrefix: '10.10.9.0/24' } }
    ]
  }
}

resource mlwVnet 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-vnet'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource peMlwVnet 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-mlw-vnet'
  location: 'westeurope'
  properties: {
    subnet: { id: '${vnetMl.id}/subnets/snet-pe' }
    privateLinkServiceConnections: [
      { name: 'ws', properties: { privateLinkServiceId: mlwVnet.id, groupIds: ['AMLWorkspace'] } }
    ]
  }
}

resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwVnet
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

// managed network, no customer subnet: the rule does not apply
resource mlwManaged 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-managed'
  location: 'westeurope'
  properties: { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

resource cpu2 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwManaged
  name: 'cpu'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
}
