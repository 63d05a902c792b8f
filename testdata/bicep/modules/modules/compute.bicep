param subnetId string

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-modules'
  location: 'northeurope'
  properties: { publicNetworkAccess: 'Disabled' }
}

resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: workspace
  name: 'cpu'
  location: 'northeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      enableNodePublicIp: false
      subnet: { id: subnetId }
    }
  }
}
