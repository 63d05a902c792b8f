param subnetFromCaller string
param isolationFromCaller string

// the customer-VNet design: a subnet and no managed network
resource mlwVnet 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-vnet'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'Disabled' } }
}

resource cpuSubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwVnet
  name: 'cpu-subnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') }
    }
  }
}

// the managed-network design: no subnet, or an empty one
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

resource ciEmptySubnet 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwApproved
  name: 'ci-empty-subnet'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { enableNodePublicIp: false, subnet: { id: '' } } }
}

// the subnet comes from the caller: Unknown is never a finding
resource ciSubnetUnknown 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwApproved
  name: 'ci-subnet-unknown'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { enableNodePublicIp: false, subnet: { id: subnetFromCaller } } }
}

// attached AKS has its own network
resource aks 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwApproved
  name: 'aks'
  location: 'westeurope'
  properties: { computeType: 'AKS', resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks' }
}

// the isolation mode comes from the caller
resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: isolationFromCaller } }
}

resource cpuSubnet2 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwUnknown
  name: 'cpu-subnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') }
    }
  }
}

// the workspace is deployed elsewhere: nothing to say about its network
resource cpuSubnet3 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-elsewhere/cpu-subnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute') }
    }
  }
}
