param scope string = resourceGroup().id

resource sepSubscription 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-subscription'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            // expect: AMLX-15
            subscription().id
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

resource sepRg 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-rg'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            // expect: AMLX-15
            '/subscriptions/0000/resourceGroups/rg-data/'
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

resource sepParam 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-param'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            // expect: AMLX-15
            scope
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

// service omitted
resource sepMg 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-mg'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
            // expect: AMLX-15
            '/providers/Microsoft.Management/managementGroups/corp'
          ]
        }
      }
    ]
  }
}
