param workspaceName string
param publicIp bool = false
param access string = 'Disabled'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: workspaceName
  location: 'westeurope'
  properties: { publicNetworkAccess: access }
}

resource instance 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: workspace
  name: 'ci'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      enableNodePublicIp: publicIp
      subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet') }
    }
  }
}
