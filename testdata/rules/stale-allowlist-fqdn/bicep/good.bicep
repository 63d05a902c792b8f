param callerFqdns array

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
              name: 'ml'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: [
                'ml.azure.com'
                'automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net'
                '*.westeurope.batch.azure.com'
                '*.westeurope.service.batch.azure.com'
              ]
            }
            {
              name: 'caller'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: callerFqdns
            }
          ]
        }
      }
      {
        name: 'deny-old-hosts'
        properties: {
          priority: 200
          action: { type: 'Deny' }
          rules: [
            { name: 'old', sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: ['automlresources-prod.azureedge.net'] }
          ]
        }
      }
    ]
  }
}

resource mlwManaged 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-managed'
  location: 'westeurope'
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        automl: { type: 'FQDN', category: 'UserDefined', destination: 'automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net' }
        pypi: { type: 'FQDN', category: 'UserDefined', destination: 'pypi.org' }
      }
    }
  }
}
