param studioTag string = 'AzureFrontDoor.Frontend'

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      // no service endpoint and no policy
      { name: 'snet-compute', properties: { addressPrefix: '10.10.1.0/24' } }
    ]
  }
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-compute' } }
  }
}

resource fwHub 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: 'westeurope'
  properties: {
    networkRuleCollections: [
      {
        name: 'ml-net'
        properties: {
          priority: 100
          action: { type: 'Allow' }
          rules: [
            {
              name: 'anything'
              protocols: ['TCP']
              sourceAddresses: ['10.10.0.0/16']
              // expect: AMLX-31
              destinationAddresses: ['*']
              destinationPorts: ['*']
            }
            {
              name: 'studio'
              protocols: ['Any']
              sourceAddresses: ['10.10.1.0/24']
              // the parameter's default
              // expect: AMLX-31
              destinationAddresses: [studioTag]
              destinationPorts: ['443']
            }
            {
              name: 'storage'
              protocols: ['TCP']
              sourceAddresses: ['*']
              // snet-compute has no SE+SEP: every storage account is reachable
              // expect: AMLX-31
              destinationAddresses: ['Storage.WestEurope']
              destinationPorts: ['400-500']
            }
          ]
        }
      }
    ]
  }
}

resource rcgAml 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  name: 'fwp-hub/rcg-aml'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aml-net'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'NetworkRule'
            name: 'cloud'
            ipProtocols: ['TCP']
            sourceAddresses: ['10.10.1.0/24']
            destinationAddresses: [
              'AzureMachineLearning'
              // expect: AMLX-31
              'AzureCloud.westeurope'
              // expect: AMLX-31
              'INTERNET'
            ]
            destinationPorts: ['443']
          }
        ]
      }
    ]
  }
}
