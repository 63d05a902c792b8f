param defaultHop string = 'Internet'

resource rcgAml 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  name: 'fwp-hub/rcg-aml'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aml-app'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'aml'
            sourceAddresses: ['10.10.0.0/16']
            protocols: [{ protocolType: 'Https', port: 443 }]
            targetFqdns: ['ml.azure.com', '*.westeurope.batch.azure.com', '*.westeurope.service.batch.azure.com']
          }
        ]
      }
    ]
  }
}

// the parameter's default sends 0.0.0.0/0 to Internet, not to the firewall
// expect: AMLX-32
resource rtB 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-b'
  location: 'westeurope'
  properties: {
    routes: [
      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: defaultHop } }
    ]
  }
}

// public-IP compute (enableNodePublicIp omitted) behind the firewall without a
// BatchNodeManagement route: an INFO note
// expect: AMLX-32
resource rtC 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-c'
  location: 'westeurope'
  properties: {
    routes: [
      { name: 'to-fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }
      // only one of the two management routes
      { name: 'aml', properties: { addressPrefix: 'AzureMachineLearning', nextHopType: 'Internet' } }
    ]
  }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      // no route table at all
      // expect: AMLX-32
      {
        name: 'snet-a'
        properties: { addressPrefix: '10.10.1.0/24' }
      }
      {
        name: 'snet-b'
        properties: { addressPrefix: '10.10.2.0/24', routeTable: { id: rtB.id } }
      }
      {
        name: 'snet-c'
        properties: { addressPrefix: '10.10.3.0/24', routeTable: { id: rtC.id } }
      }
    ]
  }
}

resource cpuA 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-a'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-a' } }
  }
}

resource cpuB 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/cpu-b'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: { enableNodePublicIp: false, subnet: { id: '${vnetMl.id}/subnets/snet-b' } }
  }
}

resource ciC 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
  name: 'mlw-01/ci-c'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: { subnet: { id: '${vnetMl.id}/subnets/snet-c' } }
  }
}
