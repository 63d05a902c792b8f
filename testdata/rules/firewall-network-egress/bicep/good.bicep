param callerDestinations array

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: { storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlws01') }
}

resource sepMl 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-ml'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      { name: 'ws', properties: { service: 'Microsoft.Storage', serviceResources: [resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')] } }
      { name: 'alias', properties: { service: 'Global', serviceResources: ['/services/Azure/MachineLearning'] } }
    ]
  }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      {
        name: 'snet-compute'
        properties: {
          addressPrefix: '10.10.1.0/24'
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepMl.id }]
        }
      }
      { name: 'snet-jumpbox', properties: { addressPrefix: '10.10.5.0/24' } }
    ]
  }
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

resource fwHub 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: 'westeurope'
  properties: {
    networkRuleCollections: [
      {
        name: 'ml-required'
        properties: {
          priority: 100
          action: { type: 'Allow' }
          rules: [
            {
              name: 'tags'
              protocols: ['TCP']
              sourceAddresses: ['10.10.1.0/24']
              destinationAddresses: ['AzureMachineLearning', 'BatchNodeManagement.westeurope', 'AzureFrontDoor.FirstParty', 'MicrosoftContainerRegistry.westeurope', 'MicrosoftContainerRegistry']
              destinationPorts: ['443']
            }
            {
              name: 'storage-behind-sep'
              protocols: ['TCP']
              sourceAddresses: ['10.10.1.0/24']
              destinationAddresses: ['Storage.westeurope']
              destinationPorts: ['443']
            }
            {
              name: 'jumpbox'
              protocols: ['TCP']
              sourceAddresses: ['10.10.5.0/24']
              destinationAddresses: ['*']
              destinationPorts: ['*']
            }
            {
              name: 'ntp'
              protocols: ['UDP']
              sourceAddresses: ['10.10.1.0/24']
              destinationAddresses: ['*']
              destinationPorts: ['123']
            }
            {
              name: 'high-ports'
              protocols: ['TCP']
              sourceAddresses: ['10.10.1.0/24']
              destinationAddresses: ['Internet']
              destinationPorts: ['8000-8999']
            }
            {
              name: 'caller'
              protocols: ['TCP']
              sourceAddresses: ['10.10.1.0/24']
              destinationAddresses: callerDestinations
              destinationPorts: ['443']
            }
          ]
        }
      }
      {
        name: 'deny-rest'
        properties: {
          priority: 4000
          action: { type: 'Deny' }
          rules: [
            { name: 'all', protocols: ['Any'], sourceAddresses: ['*'], destinationAddresses: ['*'], destinationPorts: ['*'] }
          ]
        }
      }
    ]
  }
}
