param policyAccount string = 'stother'

resource nsgMl 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-ml'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'out-batch'
        properties: {
          direction: 'Outbound'
          access: 'Allow'
          priority: 100
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'BatchNodeManagement.westeurope'
          destinationPortRange: '443'
        }
      }
      {
        name: 'out-azureml'
        properties: {
          direction: 'Outbound'
          access: 'Allow'
          priority: 110
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'AzureMachineLearning'
          destinationPortRange: '443'
        }
      }
      {
        name: 'out-storage'
        properties: {
          direction: 'Outbound'
          access: 'Allow'
          priority: 120
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'Storage.westeurope'
          destinationPortRange: '443'
        }
      }
      {
        name: 'deny-internet-out'
        properties: {
          direction: 'Outbound'
          access: 'Deny'
          priority: 4000
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: 'Internet'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: {
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
  }
}

// expect: AMLX-14
resource sepOtherAccount 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-other-account'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stother')
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

// expect: AMLX-14
resource sepAliasOnly 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-alias-only'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
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

// expect: AMLX-14
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
            resourceId('Microsoft.Storage/storageAccounts', policyAccount)
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

resource mlwPe 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-pe'
  location: 'westeurope'
  properties: {
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stwithpe')
  }
}

resource peStwithpeBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-stwithpe-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: '${vnetMl.id}/subnets/snet-pe' }
    privateLinkServiceConnections: [{ name: 'blob', properties: { privateLinkServiceId: resourceId('Microsoft.Storage/storageAccounts', 'stwithpe'), groupIds: ['blob'] } }]
  }
}

// the account has a blob private endpoint: a note
// expect: AMLX-14
resource sepPe 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-pe'
  location: 'westeurope'
  properties: {
    serviceEndpointPolicyDefinitions: [
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

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      {
        name: 'snet-a'
        properties: {
          addressPrefix: '10.10.1.0/24'
          networkSecurityGroup: { id: nsgMl.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepOtherAccount.id }]
        }
      }
      {
        name: 'snet-b'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: { id: nsgMl.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepAliasOnly.id }]
        }
      }
      {
        name: 'snet-c'
        properties: {
          addressPrefix: '10.10.3.0/24'
          networkSecurityGroup: { id: nsgMl.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepParam.id }]
        }
      }
      {
        name: 'snet-d'
        properties: {
          addressPrefix: '10.10.4.0/24'
          networkSecurityGroup: { id: nsgMl.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepPe.id }]
        }
      }
      {
        name: 'snet-pe'
        properties: {
          addressPrefix: '10.10.9.0/24'
        }
      }
    ]
  }
}

resource cpuA 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-a'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-a' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-b' } }
  }
}

resource cpuC 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-c'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-c' } }
  }
}

resource cpuD 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwPe
  name: 'cpu-d'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-d' } }
  }
}
