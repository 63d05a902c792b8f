param tag string = 'Storage.westeurope'

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        st: {
          type: 'ServiceTag'
          category: 'UserDefined'
          destination: {
            // expect: AMLX-04
            serviceTag: 'Storage'
            protocol: 'TCP'
            portRanges: '443'
            action: 'Allow'
          }
        }
        blob: {
          type: 'FQDN'
          category: 'UserDefined'
          // expect: AMLX-04
          destination: '*.blob.core.windows.net'
        }
        'tag-param': {
          type: 'ServiceTag'
          // expect: AMLX-04
          destination: { serviceTag: tag, protocol: 'TCP', portRanges: '443' }
        }
        wide: {
          type: 'ServiceTag'
          category: 'UserDefined'
          destination: {
            serviceTag: 'AzureMachineLearning'
            protocol: 'TCP'
            portRanges: '443'
            action: 'Allow'
            // expect: AMLX-04
            addressPrefixes: ['0.0.0.0/0']
          }
        }
      }
    }
  }
}

resource afd 'Microsoft.MachineLearningServices/workspaces/outboundRules@2025-06-01' = {
  parent: mlw01
  name: 'afd'
  properties: {
    type: 'ServiceTag'
    category: 'UserDefined'
    // expect: AMLX-04
    destination: { serviceTag: 'AzureFrontDoor.Frontend', protocol: 'TCP', portRanges: '443', action: 'Allow' }
  }
}
