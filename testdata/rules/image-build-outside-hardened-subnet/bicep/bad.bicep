param builder string = 'builder-open'

// no outbound Deny
resource nsgOpen 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-open'
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
        name: 'snet-open'
        properties: {
          addressPrefix: '10.10.1.0/24'
          networkSecurityGroup: { id: nsgOpen.id }
          serviceEndpoints: [{ service: 'Microsoft.Storage' }]
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
    // expect: AMLX-52
    imageBuildCompute: 'builder-no-subnet'
  }
}

resource builderNoSubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'builder-no-subnet'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
}

resource mlw02 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-02'
  location: 'westeurope'
  properties: {
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlws01')
    // expect: AMLX-52
    imageBuildCompute: builder
  }
}

resource builderOpen 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw02
  name: 'builder-open'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-open' } }
  }
}
