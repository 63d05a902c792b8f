param aliasService string

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
        properties: { service: 'GLOBAL', serviceResources: ['/services/Azure/MachineLearning'] }
      }
    ]
  }
}

// the service comes from the caller: Unknown, so no finding
resource sepUnknownService 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-unknown-service'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      { name: 'alias', properties: { service: aliasService, serviceResources: ['/services/Azure/MachineLearning'] } }
    ]
  }
}

// an alias-looking string that is not an alias: a storage account ID
resource sepIdsOnly 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-ids-only'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      { name: 'st', properties: { service: 'Microsoft.Storage', serviceResources: ['/subscriptions/0000/resourceGroups/services/providers/Microsoft.Storage/storageAccounts/st1'] } }
    ]
  }
}
