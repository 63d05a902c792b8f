param prefix string

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${prefix}'
  location: 'westeurope'
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${prefix}'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.10.0.0/16']
    }
    subnets: [
      {
        name: 'snet-train'
        properties: {
          addressPrefix: '10.10.1.0/24'
          // the declared NSG, by its symbolic name: linked
          networkSecurityGroup: {
            id: nsg.id
          }
        }
      }
    ]
  }
}

resource cpuLinked 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-linked'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-train')
      }
    }
  }
}

resource cpuElsewhere 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-elsewhere'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      // a suffix this file's VNet never has: another network for every value of prefix, no note
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-${prefix}-dr', 'snet-train')
      }
    }
  }
}

resource cpuOtherSubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-other-subnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      // the same VNet, a subnet this file does not declare: different for every value
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-score')
      }
    }
  }
}
