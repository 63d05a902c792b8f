param isolation string = 'Disabled'

// no managedNetwork at all: isolation is Disabled
resource mlwPlain 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-plain'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }

  // expect: AMLX-01
  resource nestedCluster 'computes@2025-06-01' = {
    name: 'nested-cluster'
    location: 'westeurope'
    properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
  }
}

// expect: AMLX-01
resource ciNoSubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwPlain
  name: 'ci-no-subnet'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { vmSize: 'STANDARD_DS3_V2' } }
}

resource mlwDisabled 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-disabled'
  location: 'westeurope'
  properties: { managedNetwork: { isolationMode: 'disabled' } }
}

// an empty subnet ID is no subnet
// expect: AMLX-01
resource cpuEmptySubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwDisabled
  name: 'cpu-empty-subnet'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { subnet: { id: '' } } }
}

resource mlwParam 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-param'
  location: 'westeurope'
  properties: { managedNetwork: { isolationMode: isolation } }
}

// expect: AMLX-01
resource cpuParam 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwParam
  name: 'cpu-param'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: {} }
}

// a project uses its hub's network: this hub has none
resource hubOpen 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-open'
  kind: 'Hub'
  location: 'westeurope'
  properties: {}
}

resource projOpen 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'proj-open'
  kind: 'Project'
  location: 'westeurope'
  properties: { hubResourceId: hubOpen.id }
}

// expect: AMLX-01
resource ciProject 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: projOpen
  name: 'ci-project'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: {} }
}

// the workspace is deployed elsewhere: an INFO note, not HIGH
// expect: AMLX-01
resource cpuUnresolved 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-elsewhere/cpu-unresolved'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: {} }
}

resource mlwExisting 'Microsoft.MachineLearningServices/workspaces@2025-06-01' existing = {
  name: 'mlw-existing'
}

// expect: AMLX-01
resource ciExistingWorkspace 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwExisting
  name: 'ci-existing-workspace'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: {} }
}
