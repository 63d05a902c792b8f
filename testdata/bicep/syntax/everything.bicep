// one of every declaration the compiler accepts, and the expression forms it reads
targetScope = 'resourceGroup'

metadata owner = 'platform-team'

extension microsoftGraphV1
extension kubernetes with { namespace: 'default', kubeConfig: '' } as k8s
provider 'az@1.0.0'
import 'sys@1.0.0' as system

import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.6.0'
import * as types from 'types.bicep'

@description('A region')
@allowed([
  'westeurope'
  'northeurope'
])
param location string = 'westeurope'

@secure()
@minLength(8)
param secret string?

@sys.description('Tags, any shape')
param tags object = {}

param lock lockType?

param count int = 2

param resourceTyped resource 'Microsoft.Storage/storageAccounts@2023-01-01'?

@export()
@sealed()
type settings = {
  @description('Port') port: int
  *: string
}

type mode = 'a' | 'b' | null
type pair = [string, int]
type names = string[]?
type nested = types.shared
type derived = resourceInput<'Microsoft.Network/virtualNetworks@2024-05-01'>.properties.subnets[*]
type choice =
  | 'one'
  | 'two'

@discriminator('kind')
type tagged = { kind: 'x', x: int } | { kind: 'y', y: string }

func double(n int) int => n * 2
func noArgs() string => 'x'

var typed string = 'typed'
var multi = '''
line one
line two'''
var conditional = count > 1
  ? 'many'
  : 'one'
var chained = tags.?a.b!.c ?? tags[?'x'] ?? null
var lambdas = map(range(0, count), (i) => { index: i, label: 'n${i}' })
var noParams = () => 1
var reduced = reduce([1, 2, 3], 0, (acc, x) => acc + x)
var spread = { ...tags, extra: [...[1], 2] }
var singleLine = { a: 1, b: [1, 2], c: { d: true } }
var loop = [for (x, i) in range(0, 3): {
  x: x
  i: i
}]
var filtered = [for x in range(0, 5): x % 2 == 0 ? x : 0]

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = if (count > 0) {
  name: 'st${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'

  resource blob 'blobServices' = {
    name: 'default'
  }
}

resource existingVnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'vnet'
  scope: resourceGroup(subscription().subscriptionId, 'rg-network')
}

module mod 'types.bicep' = [for i in range(0, count): {
  name: 'mod-${i}'
  params: {}
}]

output blobId string = storage::blob.id
output keys string = storage.listKeys().keys[0].value
output storageResource resource 'Microsoft.Storage/storageAccounts@2023-01-01' = storage
output fromLoop array = [for i in range(0, count): mod[i].name]
output doubled int = double(count)
