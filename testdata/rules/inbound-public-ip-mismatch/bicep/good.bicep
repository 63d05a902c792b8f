param publicIpFromCaller bool

resource nsgPublic 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-public'
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
        name: 'in-azureml'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 100
          protocol: 'Tcp'
          sourceAddressPrefix: 'AzureMachineLearning'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '44224'
        }
      }
      {
        name: 'in-deny-all'
        properties: {
          direction: 'Inbound'
          access: 'Deny'
          priority: 4096
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
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

resource nsgPrivate 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-private'
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
        name: 'in-deny-all'
        properties: {
          direction: 'Inbound'
          access: 'Deny'
          priority: 4096
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
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

// whether the compute has a public IP is up to the caller: no note
resource nsgUnknown 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-unknown'
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
        name: 'in-azureml'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 100
          protocol: 'Tcp'
          sourceAddressPrefix: 'AzureMachineLearning'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '44224'
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
          networkSecurityGroup: { id: nsgPublic.id }
        }
      }
      {
        name: 'snet-b'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: { id: nsgPrivate.id }
        }
      }
      {
        name: 'snet-c'
        properties: {
          addressPrefix: '10.10.3.0/24'
          networkSecurityGroup: { id: nsgUnknown.id }
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
    properties: { enableNodePublicIp: true, subnet: { id: '${vnetMl.id}/subnets/snet-a' } }
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
    properties: { enableNodePublicIp: publicIpFromCaller, subnet: { id: '${vnetMl.id}/subnets/snet-c' } }
  }
}
