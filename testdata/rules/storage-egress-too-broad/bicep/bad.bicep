param storageTag string = 'Storage'

resource nsgGlobal 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-global'
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
          // expect: AMLX-23
          destinationAddressPrefix: 'Storage'
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

resource nsgOtherRegion 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-other-region'
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
      // another region's storage
      {
        name: 'out-storage'
        properties: {
          direction: 'Outbound'
          access: 'Allow'
          priority: 120
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          // expect: AMLX-23
          destinationAddressPrefix: 'Storage.North Europe'
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

resource nsgParam 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-param'
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
          // expect: AMLX-23
          destinationAddressPrefix: storageTag
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

resource nsgAzurecloud 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-azurecloud'
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
        name: 'out-cloud'
        properties: {
          direction: 'Outbound'
          access: 'Allow'
          priority: 120
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          // expect: AMLX-23
          destinationAddressPrefix: 'AzureCloud'
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
          networkSecurityGroup: { id: nsgGlobal.id }
        }
      }
      {
        name: 'snet-b'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: { id: nsgOtherRegion.id }
        }
      }
      {
        name: 'snet-c'
        properties: {
          addressPrefix: '10.10.3.0/24'
          networkSecurityGroup: { id: nsgParam.id }
        }
      }
      {
        name: 'snet-d'
        properties: {
          addressPrefix: '10.10.4.0/24'
          networkSecurityGroup: { id: nsgAzurecloud.id }
        }
      }
    ]
  }
}

resource cpuA 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-a'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-a' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-b' } }
  }
}

resource cpuC 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-c'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-c' } }
  }
}

resource cpuD 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-d'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-d' } }
  }
}
