param sepLocation string = 'northeurope'

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

resource sepNorth 'Microsoft.Network/serviceEndpointPolicies@2024-05-01' = {
  name: 'sep-north'
  // expect: AMLX-16
  location: 'North Europe'
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
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
  // expect: AMLX-16
  location: sepLocation
  properties: {
    serviceEndpointPolicyDefinitions: [
      {
        name: 'st'
        properties: {
          service: 'Microsoft.Storage'
          serviceResources: [
            resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
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
          serviceEndpointPolicies: [{ id: sepNorth.id }]
        }
      }
      {
        name: 'snet-b'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: { id: nsgMl.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
          serviceEndpointPolicies: [{ id: sepParam.id }]
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
