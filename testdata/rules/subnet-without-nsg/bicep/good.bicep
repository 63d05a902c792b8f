param nsgFromCaller object

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
      // the caller passes the NSG: unknown here, never a finding
      {
        name: 'snet-caller'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: nsgFromCaller
        }
      }
      // an NSG declared in another deployment still counts
      {
        name: 'snet-elsewhere'
        properties: {
          addressPrefix: '10.10.3.0/24'
          networkSecurityGroup: { id: '/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-central' }
        }
      }
      // no compute here
      {
        name: 'snet-endpoints'
        properties: {
          addressPrefix: '10.10.9.0/24'
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
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-caller' } }
  }
}

resource cpuC 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-c'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-elsewhere' } }
  }
}
