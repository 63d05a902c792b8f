param subnetId string

resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'nic-jumpbox'
  location: 'westeurope'
  properties: {
    ipConfigurations: [{ name: 'ip', properties: { subnet: { id: subnetId } } }]
  }
}
