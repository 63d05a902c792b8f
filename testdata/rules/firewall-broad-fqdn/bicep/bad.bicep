param storageFqdns array = ['*.blob.core.windows.net']
param opsGroupId string

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: { storageAccount: resourceId('Microsoft.Storage/storageAccounts', 'stmlws01') }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      // no service endpoint and no policy: storage traffic goes through the firewall
      { name: 'snet-compute', properties: { addressPrefix: '10.10.1.0/24' } }
      { name: 'AzureFirewallSubnet', properties: { addressPrefix: '10.10.0.0/26' } }
    ]
  }
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-cluster'
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
    applicationRuleCollections: [
      {
        name: 'ml-egress'
        properties: {
          priority: 100
          action: { type: 'Allow' }
          rules: [
            {
              name: 'everything'
              sourceAddresses: ['10.10.0.0/16']
              protocols: [{ protocolType: 'Https', port: 443 }]
              // expect: AMLX-30
              targetFqdns: ['*']
            }
            {
              name: 'studio'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: [
                'ml.azure.com'
                // expect: AMLX-30
                '*.AzureFD.net'
                // every domain under .net is as open as *
                // expect: AMLX-30
                '*.net'
              ]
            }
            {
              name: 'storage'
              sourceAddresses: ['*']
              protocols: [{ protocolType: 'Https', port: 443 }]
              // the parameter's default; snet-compute has no SE+SEP
              // expect: AMLX-30
              targetFqdns: storageFqdns
            }
            {
              name: 'ops'
              sourceIpGroups: [opsGroupId]
              protocols: [{ protocolType: 'Https', port: 443 }]
              // the IP group is not declared here: an INFO note
              // expect: AMLX-30
              targetFqdns: ['*']
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
        name: 'aml-app'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'core'
            sourceAddresses: ['10.10.1.0/24']
            protocols: [{ protocolType: 'Https', port: 443 }]
            // expect: AMLX-30
            targetFqdns: ['*.core.windows.net']
          }
        ]
      }
    ]
  }
}
