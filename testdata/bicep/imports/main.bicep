// compile-time imports from a local file: a type, variables (with what they use) and a function
import { ruleSettings, denyInternet as deny, portOf } from 'shared.bicep'
import * as shared from 'shared.bicep'

param settings ruleSettings = { tag: 'AzureMachineLearning' }

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-imports'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-ml'
        properties: {
          access: 'Allow'
          direction: 'Outbound'
          priority: 100
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: settings.tag
          destinationPortRange: portOf(settings)
        }
      }
      {
        name: 'deny-internet'
        properties: union(deny, { protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '*' })
      }
    ]
  }
}

output denyPriority int = shared.denyAll.priority
output port string = shared.portOf({ tag: 'x', port: 8443 })
