param tagFromCaller string

// the rules a locked-down managed network needs, a system rule, a Deny and private endpoint rules
resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: {
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
      outboundRules: {
        pypi: { type: 'FQDN', category: 'UserDefined', destination: 'pypi.org' }
        mcr: { type: 'ServiceTag', category: 'UserDefined', destination: { serviceTag: 'MicrosoftContainerRegistry', protocol: 'TCP', portRanges: '443', action: 'Allow' } }
        firstparty: { type: 'ServiceTag', category: 'UserDefined', destination: { serviceTag: 'AzureFrontDoor.FirstParty', protocol: 'TCP', portRanges: '443', action: 'Allow' } }
        'system-storage': { type: 'ServiceTag', category: 'Required', destination: { serviceTag: 'Storage.westeurope', protocol: 'TCP', portRanges: '443', action: 'Allow' } }
        'deny-storage': { type: 'ServiceTag', category: 'UserDefined', destination: { serviceTag: 'Storage', protocol: 'TCP', portRanges: '443', action: 'Deny' } }
        caller: { type: 'ServiceTag', category: 'UserDefined', destination: { serviceTag: tagFromCaller, protocol: 'TCP', portRanges: '443' } }
        'st-pe': { type: 'PrivateEndpoint', category: 'UserDefined', destination: { serviceResourceId: resourceId('Microsoft.Storage/storageAccounts', 'stdata'), subresourceTarget: 'blob' } }
      }
    }
  }
}
