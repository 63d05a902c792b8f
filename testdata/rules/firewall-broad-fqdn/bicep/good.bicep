param callerFqdns array
param callerAction string

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
      { name: 'snet-compute', properties: { addressPrefix: '10.10.1.0/24' } }
      { name: 'snet-jumpbox', properties: { addressPrefix: '10.10.5.0/24' } }
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
        name: 'ml-required'
        properties: {
          priority: 100
          action: { type: 'Allow' }
          rules: [
            {
              name: 'ml'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: [
                'ml.azure.com'
                'automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net'
                '*.westeurope.batch.azure.com'
                '*.westeurope.service.batch.azure.com'
                'mcr.microsoft.com'
                '*.data.mcr.microsoft.com'
              ]
            }
            {
              name: 'jumpbox-browsing'
              sourceAddresses: ['10.10.5.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: ['*']
            }
            {
              name: 'caller-list'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: callerFqdns
            }
            {
              name: 'updates'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              fqdnTags: ['WindowsUpdate']
            }
          ]
        }
      }
      {
        name: 'deny-rest'
        properties: {
          priority: 4000
          action: { type: 'Deny' }
          rules: [
            { name: 'all', sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: ['*'] }
          ]
        }
      }
      {
        name: 'caller-decides'
        properties: {
          priority: 300
          action: { type: callerAction }
          rules: [
            { name: 'all', sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: ['*'] }
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
            name: 'own-domain'
            sourceAddresses: ['10.10.1.0/24']
            protocols: [{ protocolType: 'Https', port: 443 }]
            targetFqdns: ['*.contoso.com', '*microsoft.com']
          }
          {
            ruleType: 'NetworkRule'
            name: 'not-an-application-rule'
            sourceAddresses: ['10.10.1.0/24']
            ipProtocols: ['TCP']
            destinationAddresses: ['AzureMachineLearning']
            destinationPorts: ['443']
          }
        ]
      }
    ]
  }
}
