param isolationFromCaller string
param kindFromCaller string

resource mlwApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-approved'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }
  }
}

// no managed network at all (Disabled): AMLX-01 judges its computes
resource mlwNone 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-none'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource mlwDisabled 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-disabled'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'Disabled' } }
}

// the caller decides: Unknown is never a finding
resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: isolationFromCaller } }
}

// a project uses its hub's network, so its own setting is not what runs
resource hubApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-approved'
  kind: 'Hub'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

resource proj01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'proj-01'
  kind: 'project'
  location: 'westeurope'
  properties: {
    hubResourceId: hubApproved.id
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
  }
}

// whether this is a project is not known
resource wsUnknownKind 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'ws-unknown-kind'
  kind: kindFromCaller
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowInternetOutbound' } }
}
