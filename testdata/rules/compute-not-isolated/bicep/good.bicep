param isolationFromCaller string
param subnetFromCaller string
param deployCompute bool = false

// a managed network without a subnet is the intended design (azurerm >= 4.18 allows it too)
resource mlwApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-approved'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

resource cpuManaged 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwApproved
  name: 'cpu-managed'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
}

// a customer subnet on a workspace without a managed network
resource mlwVnet 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-vnet'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource cpuSubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwVnet
  name: 'cpu-subnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') } }
  }
}

// the subnet comes from the caller: Unknown is never a finding
resource ciSubnetUnknown 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwVnet
  name: 'ci-subnet-unknown'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { enableNodePublicIp: false, subnet: { id: subnetFromCaller } } }
}

// attached AKS: not placed by the workspace
resource aks 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwVnet
  name: 'aks'
  location: 'westeurope'
  properties: { computeType: 'AKS', resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks' }
}

// not deployed: its condition is false
resource cpuConditional 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = if (deployCompute) {
  parent: mlwVnet
  name: 'cpu-conditional'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
}

// the isolation mode comes from the caller
resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: isolationFromCaller } }
}

resource cpuUnknownMode 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwUnknown
  name: 'cpu-unknown-mode'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }
}

// a project whose hub has a managed network: the project's own (absent) setting does not count
resource hubApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-approved'
  kind: 'Hub'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

resource projApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'proj-approved'
  kind: 'Project'
  location: 'westeurope'
  properties: { hubResourceId: hubApproved.id }
}

resource ciProject 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: projApproved
  name: 'ci-project'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { enableNodePublicIp: false } }
}
