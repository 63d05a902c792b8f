param noPublicIp bool = false
param publicIpFromCaller bool
param deployCluster bool = false

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource cpuPrivate 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-private'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') } }
  }
}

resource ciParameterFalse 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'ci-parameter-false'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { enableNodePublicIp: noPublicIp, subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') } }
  }
}

// the caller decides: Unknown is never a finding
resource ciUnknown 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'ci-unknown'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { enableNodePublicIp: publicIpFromCaller, subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') } }
  }
}

// an attached AKS cluster has no enableNodePublicIp
resource aks 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'aks'
  location: 'westeurope'
  properties: { computeType: 'AKS', resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks' }
}

// not deployed: its condition is false
resource cpuConditional 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = if (deployCluster) {
  parent: mlw01
  name: 'cpu-conditional'
  location: 'westeurope'
  properties: { computeType: 'AmlCompute', properties: {} }
}

// computeType itself unknown
resource whatever 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'whatever'
  location: 'westeurope'
  properties: { computeType: publicIpFromCaller, properties: { enableNodePublicIp: true } }
}
