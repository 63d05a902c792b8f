param definitionsFromCaller array

resource sepMl 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-ml'
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
      {
        name: 'aml-alias'
        properties: { service: 'global', serviceResources: ['/services/azure/machinelearning'] }
      }
    ]
  }
}

// the alias is added as a child resource: the policy has it all the same
resource sepChildDefinition 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-child-definition'
  location: 'westeurope'
  properties: {}
}

resource amlAlias 'Microsoft.Network/serviceEndpointPolicies/serviceEndpointPolicyDefinitions@2024-05-01' = {
  parent: sepChildDefinition
  name: 'aml-alias'
  properties: { service: 'Global', serviceResources: ['/services/Azure/MachineLearning'] }
}

// definitions the caller passes: unknown here, so no finding
resource sepUnknown 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-unknown'
  location: 'westeurope'
  properties: { serviceEndpointPolicyDefinitions: definitionsFromCaller }
}

// a storage-only policy on a subnet without ML compute (a web app's) needs no ML alias
resource sepWebapp 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-webapp'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      { name: 'st', properties: { service: 'Microsoft.Storage', serviceResources: ['/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stweb'] } }
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
          serviceEndpointPolicies: [
            { id: sepMl.id }
            { id: sepChildDefinition.id }
            { id: sepUnknown.id }
          ]
        }
      }
      {
        name: 'snet-webapp'
        properties: {
          addressPrefix: '10.10.9.0/24'
          serviceEndpointPolicies: [{ id: sepWebapp.id }]
        }
      }
    ]
  }
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: '${vnetMl.id}/subnets/snet-compute' }
    }
  }
}
