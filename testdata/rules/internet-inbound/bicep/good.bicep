resource nsgMlOnly 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-ml-only'
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
        name: 'in-lb'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 110
          protocol: '*'
          sourceAddressPrefix: 'AzureLoadBalancer'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
      {
        name: 'in-vnet'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 120
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
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

resource nsgDeniedFirst 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-denied-first'
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
        name: 'in-deny'
        properties: {
          direction: 'Inbound'
          access: 'Deny'
          priority: 100
          protocol: '*'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
      // shadowed by the Deny at 100
      {
        name: 'in-ssh'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 200
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
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

resource nsgOtherSubnet 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-other-subnet'
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
      // to another subnet's addresses, not ML compute
      {
        name: 'in-bastion'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          priority: 100
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '10.10.9.0/26'
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
          networkSecurityGroup: { id: nsgMlOnly.id }
        }
      }
      {
        name: 'snet-b'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: { id: nsgDeniedFirst.id }
        }
      }
      {
        name: 'snet-c'
        properties: {
          addressPrefix: '10.10.3.0/24'
          networkSecurityGroup: { id: nsgOtherSubnet.id }
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
