@export()
type ruleSettings = {
  @description('The destination service tag.')
  tag: string
  port: int?
}

@export()
var denyAll = {
  access: 'Deny'
  direction: 'Outbound'
  priority: 4096
}

var internal = 'Internet'

@export()
var denyInternet = union(denyAll, { destinationAddressPrefix: internal })

@export()
func portOf(settings ruleSettings) string => string(settings.?port ?? 443)
