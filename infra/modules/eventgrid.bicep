// Event Grid system topic on the storage account. The event subscription that delivers BlobCreated
// events for the `seeds` container to the function app's blobs webhook is created after code
// deployment by scripts/azd-postdeploy.sh: the webhook URL needs the blobs_extension system key,
// which the Functions host creates only once the app's code with an Event Grid blob trigger runs.

@description('System topic name.')
param name string

@description('Region; must be the storage account\'s region.')
param location string

@description('Tags for the topic.')
param tags object

@description('Storage account whose events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
