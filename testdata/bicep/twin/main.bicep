param publicIp bool = true

resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-twin/ci'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      enableNodePublicIp: publicIp
      subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet') }
    }
  }
}
