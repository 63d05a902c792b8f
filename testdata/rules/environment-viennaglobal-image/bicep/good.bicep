param imageFromCaller string

resource r1 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/sklearn-env/1'
  properties: { osType: 'Linux', image: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04' }
}

// the name appears, but the image is pulled from another registry
resource r12 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/mirrored-env/1'
  properties: { image: 'crmlprivate.azurecr.io/viennaglobal.azurecr.io/azureml/base:latest' }
}

// a look-alike host is not the curated registry
resource r13 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/lookalike-env/1'
  properties: { image: 'viennaglobal.azurecr.io.example.com/azureml/base:latest' }
}

// built from a Dockerfile: no image to judge
resource r14 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/built-env/1'
  properties: { build: { contextUri: 'https://stmlws01.blob.core.windows.net/builds/env', dockerfilePath: 'Dockerfile' } }
}

// the caller decides: Unknown is never a finding
resource r15 'Microsoft.MachineLearningServices/registries/environments/versions@2025-06-01' = {
  name: 'reg-shared/caller-env/1'
  properties: { image: imageFromCaller }
}
