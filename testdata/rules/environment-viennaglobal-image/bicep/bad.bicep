param trainingImage string = 'viennaglobal.azurecr.io/azureml/base-gpu:openmpi3.1.2-cuda10.1-cudnn7-ubuntu18.04'

resource r1 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/sklearn-env/1'
  properties: {
    osType: 'Linux'
    // expect: AMLX-50
    image: 'viennaglobal.azurecr.io/azureml/base:intelmpi2018.3-ubuntu16.04'
  }
}

// registries hold environments too; the host name is case-insensitive
resource r3 'Microsoft.MachineLearningServices/registries/environments/versions@2025-06-01' = {
  name: 'reg-shared/pytorch-env/3'
  properties: {
    // expect: AMLX-50
    image: 'ViennaGlobal.AzureCR.io/azureml/base-gpu:latest'
  }
}

resource r2 'Microsoft.MachineLearningServices/workspaces/environments/versions@2025-06-01' = {
  name: 'mlw-01/train-env/2'
  properties: {
    // expect: AMLX-50
    image: trainingImage
  }
}
