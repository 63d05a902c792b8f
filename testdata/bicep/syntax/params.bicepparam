using './everything.bicep'
extends './base.bicepparam'

import { shared } from 'types.bicep'

var region = 'northeurope'
param location = region
param count = int(readEnvironmentVariable('COUNT', '2'))
