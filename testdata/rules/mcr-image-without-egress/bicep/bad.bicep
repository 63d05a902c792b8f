param baseImage string = 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest'

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
          networkSecurityGroup: { id: nsgMl.id }
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
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

// egress is locked and the NSG has no MCR allows
resource r1 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/train/1'
  properties: {
    // expect: AMLX-51
    image: 'mcr.microsoft.com/azureml/curated/acpt-pytorch-2.2-cuda12.1:latest'
  }
}

resource r12 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/score/1'
  properties: {
    // expect: AMLX-51
    image: baseImage
  }
}
