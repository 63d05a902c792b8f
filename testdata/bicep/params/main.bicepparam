using './main.bicep'

var prefix = 'mlw'

param workspaceName = '${prefix}-params'
param publicIp = true
param access = readEnvironmentVariable('WORKSPACE_ACCESS', 'Disabled')
