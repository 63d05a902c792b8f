var subnet = { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet') }

// exfilguard:ignore AMLX-02 exp:2099-12-31 Jumpbox instance reached over its public IP (SEC-12)
resource byComment 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-s/ci-comment'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { subnet: subnet } }
}

resource byAttributeComment 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-s/ci-attribute'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      subnet: subnet
      // exfilguard:ignore AMLX-02 Public IP needed by the lab image (SEC-13)
      enableNodePublicIp: true
    }
  }
}

@metadata({
  exfilguard: {
    ignore: [
      { id: 'AMLX-02', reason: 'Approved in SEC-14', expires: '2099-12-31' }
    ]
  }
})
resource byMetadata 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-s/ci-metadata'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { subnet: subnet } }
}

resource notSuppressed 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-s/ci-open'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: { subnet: subnet } }
}
