param automlHost string = 'automlresources-prod.azureedge.net'

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
              name: 'batch'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: [
                // expect: AMLX-33
                'westeurope.batch.azure.com'
                // expect: AMLX-33
                'westeurope.service.batch.com'
              ]
            }
            {
              name: 'automl'
              sourceAddresses: ['10.10.1.0/24']
              protocols: [{ protocolType: 'Https', port: 443 }]
              // the parameter's default
              // expect: AMLX-33
              targetFqdns: [automlHost]
            }
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
        automl: {
          type: 'FQDN'
          category: 'UserDefined'
          // expect: AMLX-33
          destination: 'AutoMLResources-Prod.AzureEdge.net'
        }
      }
    }
  }
}
