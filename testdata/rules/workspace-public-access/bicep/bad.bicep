@allowed(['Enabled', 'Disabled'])
param publicAccess string = 'Enabled'

resource mlwExplicit 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-explicit'
  location: 'westeurope'
  properties: {
    // expect: AMLX-06
    publicNetworkAccess: 'Enabled'
  }
}

// omitted: Azure enables public access
// expect: AMLX-06
resource mlwOmitted 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-omitted'
  location: 'westeurope'
  properties: { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

// a hub is reachable the same way
// expect: AMLX-06
resource hubOmitted 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-omitted'
  kind: 'Hub'
  location: 'westeurope'
}

resource mlwParameter 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-parameter'
  location: 'westeurope'
  properties: {
    // expect: AMLX-06
    publicNetworkAccess: publicAccess
  }
}

resource mlwLowerCase 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-lower-case'
  location: 'westeurope'
  properties: {
    // expect: AMLX-06
    publicNetworkAccess: 'enabled'
  }
}
