param workspaceAccess string = 'Enabled'

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

// no private endpoint at all
// expect: AMLX-41
resource mlwA 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-a'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource mlwB 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-b'
  location: 'westeurope'
  properties: {
    // a private endpoint, but public access stays on through the parameter's default: LOW
    // expect: AMLX-41
    publicNetworkAccess: workspaceAccess
  }
}

resource peMlwB 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-mlw-b'
  location: 'westeurope'
  properties: {
    subnet: { id: '${vnetMl.id}/subnets/snet-pe' }
    privateLinkServiceConnections: [
      { name: 'ws', properties: { privateLinkServiceId: mlwB.id, groupIds: ['amlworkspace'] } }
    ]
  }
}

resource cpuA 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwA
  name: 'cpu-a'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwB
  name: 'cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}
