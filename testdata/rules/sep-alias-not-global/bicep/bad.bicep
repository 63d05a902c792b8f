param aliases array = ['/services/Azure/MachineLearning']

resource sepAliasInStorage 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-alias-in-storage'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'storage-and-alias'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
            // expect: AMLX-13
            '/services/Azure/MachineLearning'
          ]
        }
      }
    ]
  }
}

resource sepGlobalMixed 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-global-mixed'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'global-with-ids'
        properties: {
          service: 'Global'
          serviceResources: [
            // expect: AMLX-13
            '/services/Azure/MachineLearning'
            '/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlws01'
          ]
        }
      }
    ]
  }
}

resource sepAliasFromParameter 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-alias-from-parameter'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'no-service'
        properties: {
          // expect: AMLX-13
          serviceResources: aliases
        }
      }
    ]
  }
}

resource aliasAsStorage 'Microsoft.Network/serviceEndpointPolicies/serviceEndpointPolicyDefinitions@2024-05-01' = {
  parent: sepChild
  name: 'alias-as-storage'
  properties: {
    service: 'Microsoft.Storage'
    // expect: AMLX-13
    serviceResources: ['/services/Azure/MachineLearning']
  }
}

resource sepChild 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-child'
  location: 'westeurope'
  properties: {}
}
