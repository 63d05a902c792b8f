param storageOnlyDefinitions array = [
  {
    name: 'ws-storage'
    properties: {
      service: 'Microsoft.Storage'
      serviceResources: ['/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01']
    }
  }
]

// only the storage account: the alias is missing
// expect: AMLX-12
resource sepStorageOnly 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-storage-only'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'ws-storage'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')]
        }
      }
    ]
  }
}

// the alias sits in a Microsoft.Storage definition, where it does not count
// expect: AMLX-12
resource sepAliasInStorage 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-alias-in-storage'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'mixed'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: ['/services/Azure/MachineLearning']
        }
      }
    ]
  }
}

// the definitions come from a parameter whose default lacks the alias
// expect: AMLX-12
resource sepFromParameter 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-from-parameter'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: storageOnlyDefinitions
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
          serviceEndpointPolicies: [
            { id: sepStorageOnly.id }
            { id: sepAliasInStorage.id }
          ]
        }
      }
    ]
  }
}

resource snetServerless 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-serverless'
  properties: {
    addressPrefix: '10.10.2.0/24'
    serviceEndpointPolicies: [{ id: sepFromParameter.id }]
  }
}

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: {
    serverlessComputeSettings: {
      serverlessComputeCustomSubnet: snetServerless.id
      serverlessComputeNoPublicIP: true
    }
  }
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: '${vnetMl.id}/subnets/snet-compute' }
    }
  }
}
