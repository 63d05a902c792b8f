param scopeFromCaller string

resource sepAccounts 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-accounts'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
            '/subscriptions/0000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata'
          ]
        }
      }
      {
        name: 'aml-alias'
        properties: {
          service: 'Global'
          serviceResources: [
            '/services/Azure/MachineLearning'
          ]
        }
      }
    ]
  }
}

resource sepUnknown 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-unknown'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            scopeFromCaller
          ]
        }
      }
    ]
  }
}
