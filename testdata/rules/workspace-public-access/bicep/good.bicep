param publicAccessFromCaller string
param publicAccess string = 'Disabled'
param deployWorkspace bool = false

resource mlwDisabled 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-disabled'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource mlwParameter 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-parameter'
  location: 'westeurope'
  properties: { publicNetworkAccess: publicAccess }
}

// the caller decides: Unknown is never a finding
resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  properties: { publicNetworkAccess: publicAccessFromCaller }
}

// a project uses its hub's network settings; the hub is judged
resource hubPrivate 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-private'
  kind: 'Hub'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'disabled' }
}

resource proj01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'proj-01'
  kind: 'Project'
  location: 'westeurope'
  properties: { hubResourceId: hubPrivate.id }
}

// deployed elsewhere: its settings are not in this source
resource mlwExisting 'Microsoft.MachineLearningServices/workspaces@2025-06-01' existing = {
  name: 'mlw-existing'
}

// not deployed: its condition is false
resource mlwConditional 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = if (deployWorkspace) {
  name: 'mlw-conditional'
  location: 'westeurope'
  properties: {}
}
