param workspaceName string = 'mlw-01'
param clusterPublicIp bool = true

var instanceSettings = { enableNodePublicIp: clusterPublicIp }

resource computes 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: concat(workspaceName, '/cpu-explicit')
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'STANDARD_DS3_V2'
      // expect: AMLX-02
      enableNodePublicIp: true
    }
  }
}

// omitted: Azure gives the instance a public IP
// expect: AMLX-02
resource computes2 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: '${workspaceName}/ci-omitted'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { vmSize: 'STANDARD_DS3_V2' }
  }
}

resource cpuFromParameter 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'cpu-from-parameter'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      // expect: AMLX-02
      enableNodePublicIp: clusterPublicIp
    }
  }
}

resource ciFromVariable 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlw01
  name: 'ci-from-variable'
  location: 'westeurope'
  // expect: AMLX-02
  properties: { computeType: 'ComputeInstance', properties: instanceSettings }
}

resource mlw01 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-01'
  location: 'westeurope'
  properties: {}

  resource childCluster 'computes@2025-06-01' = {
    name: 'child-cluster'
    location: 'westeurope'
    properties: {
      computeType: 'AmlCompute'
      properties: {
        // expect: AMLX-02
        enableNodePublicIp: 'True'
      }
    }
  }
}

// a managed network: reported as an INFO note, not LOW
resource mlwManaged 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
  name: 'mlw-managed'
  location: 'westeurope'
  properties: { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

// expect: AMLX-02
resource ciManaged 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  parent: mlwManaged
  name: 'ci-managed'
  location: 'westeurope'
  properties: { computeType: 'ComputeInstance', properties: {} }
}
