param callerAccess string

resource stdisabled 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stdisabled'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource stdeny 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stdeny'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } }
}

resource stprivate 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stprivate'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {}
}

resource peStprivateBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-stprivate-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-pe') }
    privateLinkServiceConnections: [
      { name: 'blob', properties: { privateLinkServiceId: stprivate.id, groupIds: ['blob'] } }
    ]
  }
}

resource stcaller 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stcaller'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { publicNetworkAccess: callerAccess }
}

resource stother 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stother'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { publicNetworkAccess: 'Enabled' }
}

resource mlwA 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-a'
  location: 'westeurope'
  properties: { storageAccount: stdisabled.id }
}

resource mlwB 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-b'
  location: 'westeurope'
  properties: { storageAccount: stdeny.id }
}

resource mlwC 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-c'
  location: 'westeurope'
  properties: { storageAccount: stprivate.id }
}

resource mlwD 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-d'
  location: 'westeurope'
  properties: { storageAccount: stcaller.id }
}

// the workspace's storage is declared elsewhere; stother is nobody's default storage
resource mlwE 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-e'
  location: 'westeurope'
  properties: { storageAccount: '/subscriptions/0000/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared' }
}
