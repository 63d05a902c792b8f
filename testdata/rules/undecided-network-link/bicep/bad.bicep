param prefix string
param computeVnet string
param nsgName string

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
          // the NSG's name is another parameter: it may or may not be nsg-{prefix}
          networkSecurityGroup: {
            // expect: EXFG-03
            id: resourceId('Microsoft.Network/networkSecurityGroups', nsgName)
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
      // the declared VNet's subnet, by its symbolic name: linked, no note
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-train')
      }
    }
  }
}

resource cpuUndecided 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-undecided'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      // the VNet's name is another parameter: whether this is vnet-{prefix}/snet-train depends on both
      subnet: {
        // expect: EXFG-03
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', computeVnet, 'snet-train')
      }
    }
  }
}
