param attachNsg bool = false

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

resource rtFw 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-fw'
  location: 'westeurope'
  properties: {
    routes: [
      { name: 'default-to-fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' } }
    ]
  }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      // no NSG: only the default rules apply
      // expect: AMLX-20
      {
        name: 'snet-no-nsg'
        properties: {
          addressPrefix: '10.10.1.0/24'
        }
      }
      // the parameter's default attaches no NSG
      // expect: AMLX-20
      {
        name: 'snet-param'
        properties: {
          addressPrefix: '10.10.2.0/24'
          networkSecurityGroup: (attachNsg ? { id: nsgMl.id } : null)
        }
      }
      // no NSG, but internet traffic goes to a firewall: medium
      // expect: AMLX-20
      {
        name: 'snet-firewalled'
        properties: {
          addressPrefix: '10.10.3.0/24'
          routeTable: { id: rtFw.id }
        }
      }
      // no NSG and no compute: not an ML compute subnet
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
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-no-nsg' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-param' } }
  }
}

resource cpuC 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-c'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-firewalled' } }
  }
}
