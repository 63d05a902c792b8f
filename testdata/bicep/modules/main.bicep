// local modules: a loop of them, a condition, outputs passed between them
param locations array = ['westeurope', 'northeurope']
param deployJumpbox bool = false

module network 'modules/network.bicep' = [for (location, i) in locations: {
  name: 'network-${location}'
  params: {
    location: location
    prefix: '10.${i}.0.0/16'
    rules: [for port in [443, 8443]: { port: port, location: location }]
  }
}]

module jumpbox 'modules/jumpbox.bicep' = if (deployJumpbox) {
  name: 'jumpbox'
  params: {
    subnetId: network[0].outputs.subnetId
  }
}

module compute 'modules/compute.bicep' = {
  name: 'compute'
  params: {
    subnetId: network[1].outputs.subnetId
  }
}

output firstNsg string = network[0].outputs.nsgName
