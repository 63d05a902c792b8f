param isolation string = 'AllowInternetOutbound'

var network = { isolationMode: 'AllowInternetOutbound', firewallSku: 'Basic' }

resource mlwExplicit 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-explicit'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
    managedNetwork: {
      // expect: AMLX-03
      isolationMode: 'AllowInternetOutbound'
    }
  }
}

// enum values are case-insensitive; a hub's mode is what its projects use
resource hubLowerCase 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-lower-case'
  kind: 'Hub'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
    // expect: AMLX-03
    managedNetwork: { isolationMode: 'allowinternetoutbound' }
  }
}

resource mlwParameter 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-parameter'
  location: 'westeurope'
  properties: {
    managedNetwork: {
      // expect: AMLX-03
      isolationMode: isolation
    }
  }
}

resource mlwVariable 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-variable'
  location: 'westeurope'
  properties: {
    // expect: AMLX-03
    managedNetwork: network
  }
}
