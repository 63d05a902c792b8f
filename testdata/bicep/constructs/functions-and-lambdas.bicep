// user-defined functions, lambdas, spreads and safe access: every value below is known
@export()
func ruleName(tag string, index int) string => 'allow-${toLower(replace(tag, '.', '-'))}-${index}'

func subnetId(vnet string, subnet string) string => resourceId('Microsoft.Network/virtualNetworks/subnets', vnet, subnet)

param tags array = ['Storage.westeurope', 'AzureMachineLearning']
param overrides object = { priorityBase: 200 }
param optional object = {}

var common = { access: 'Allow', direction: 'Outbound', protocol: 'Tcp' }
var base = overrides.?priorityBase ?? 100
var missing = optional.?settings.?level ?? 'none'
var firstTag = tags[?5] ?? tags[0]

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-functions'
  location: 'westeurope'
  properties: {
    securityRules: map(range(0, length(tags)), i => {
      name: ruleName(tags[i], i)
      properties: {
        ...common
        priority: base + (10 * i)
        destinationAddressPrefix: tags[i]
        destinationPortRange: '443'
        sourceAddressPrefix: 'VirtualNetwork'
        sourcePortRange: '*'
      }
    })
  }
}

output ids array = [...filter(tags, t => startsWith(t, 'Storage')), subnetId('vnet', 'snet')]
output missing string = missing
output firstTag string = firstTag
output names array = map(nsg.properties.securityRules, r => r.name)
