param storageAccess string = 'Enabled'

// publicNetworkAccess and networkAcls omitted: Azure accepts every network
// expect: AMLX-40
resource stdefault 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stdefault'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {}
}

resource stparam 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stparam'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // the parameter's default
    // expect: AMLX-40
    publicNetworkAccess: storageAccess
    networkAcls: { defaultAction: 'Allow' }
  }
}

resource stmanaged 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stmanaged'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // an AllowOnlyApprovedOutbound workspace: LOW
    // expect: AMLX-40
    publicNetworkAccess: 'Enabled'
  }
}

resource mlwA 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-a'
  location: 'westeurope'
  properties: { storageAccount: stdefault.id }
}

resource mlwB 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-b'
  location: 'westeurope'
  properties: { storageAccount: stparam.id }
}

resource mlwC 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-c'
  location: 'westeurope'
  properties: {
    storageAccount: stmanaged.id
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }
  }
}
