param computeSubnetId string = '/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute'

resource mlwApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-approved'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }
  }

  resource nestedCluster 'computes@2025-06-01' = {
    name: 'nested-cluster'
    location: 'westeurope'
    properties: {
      computeType: 'AmlCompute'
      properties: {
        enableNodePublicIp: false
        subnet: {
          // expect: AMLX-05
          id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ml', 'snet-compute')
        }
      }
    }
  }
}

resource mlwInternet 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-internet'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'allowInternetOutbound' } }
}

resource ciParameter 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwInternet
  name: 'ci-parameter'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      enableNodePublicIp: false
      subnet: {
        // expect: AMLX-05
        id: computeSubnetId
      }
    }
  }
}

// a project uses its hub's managed network
resource hubApproved 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'hub-approved'
  kind: 'Hub'
  location: 'westeurope'
  properties: { publicNetworkAccess: 'Disabled', managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

resource proj01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'proj-01'
  kind: 'Project'
  location: 'westeurope'
  properties: { hubResourceId: hubApproved.id }
}

resource ciProject 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: proj01
  name: 'ci-project'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      enableNodePublicIp: false
      // expect: AMLX-05
      subnet: { id: '/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute' }
    }
  }
}
