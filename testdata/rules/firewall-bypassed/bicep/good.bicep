param callerRouteTableId string

resource fwHub 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: 'westeurope'
  properties: {
    networkRuleCollections: [
      {
        name: 'ml-net'
        properties: {
          priority: 100
          action: { type: 'Allow' }
          rules: [
            { name: 'aml', protocols: ['TCP'], sourceAddresses: ['10.10.0.0/16'], destinationAddresses: ['AzureMachineLearning', 'BatchNodeManagement.westeurope'], destinationPorts: ['443'] }
          ]
        }
      }
    ]
  }
}

resource rtMl 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-ml'
  location: 'westeurope'
  properties: {
    routes: [
      { name: 'to-fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }
      { name: 'aml', properties: { addressPrefix: 'AzureMachineLearning', nextHopType: 'Internet' } }
      { name: 'batch', properties: { addressPrefix: 'BatchNodeManagement.westeurope', nextHopType: 'Internet' } }
    ]
  }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      { name: 'snet-a', properties: { addressPrefix: '10.10.1.0/24', routeTable: { id: rtMl.id } } }
      // the caller attaches a route table this template cannot see
      { name: 'snet-b', properties: { addressPrefix: '10.10.2.0/24', routeTable: { id: callerRouteTableId } } }
      // no compute: a jump box needs no firewall route for this rule
      { name: 'snet-jumpbox', properties: { addressPrefix: '10.10.5.0/24' } }
    ]
  }
}

resource ciA 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/ci-a'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { subnet: { id: '${vnetMl.id}/subnets/snet-a' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-b' } }
  }
}
