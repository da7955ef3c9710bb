// NewsFunctions on Azure: one resource group holding a storage account (documents, tables, the
// deployment package), a Flex Consumption function app (.NET 10 isolated) running as a
// user-assigned managed identity, Application Insights over Log Analytics, and an Event Grid
// system topic for blob events. `azd up` deploys it; see docs/deploy.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource. The region must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Origins the API answers CORS requests for, e.g. ["https://news.example.org"]. Empty: no cross-origin browser access.')
param allowedCorsOrigins string[] = []

@description('Optional object id of the person running azd (AZURE_PRINCIPAL_ID): gets blob and table data access to upload seeds and inspect tables. Empty: none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var documentsContainerName = 'seeds'
var deploymentContainerName = 'app-package'
// Article bodies too long for one table entity (the app's Content:BodiesContainer default).
var bodiesContainerName = 'article-bodies'
// The app creates these itself on first use too; declaring them keeps a deployment complete and visible.
var tableNames = [
  'articles'
  'articleindex'
  'articletitles'
  'documents'
  'facets'
  'search'
]
// The service name in azure.yaml.
var azdServiceName = 'functions'
// Names are computed here, not read from module outputs, so What-If can predict every resource.
var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  systemTopic: 'evgt-${resourceToken}'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: [
      documentsContainerName
      deploymentContainerName
      bodiesContainerName
    ]
    tableNames: tableNames
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    appIdentityName: names.identity
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    azdServiceName: azdServiceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    documentsContainerName: documentsContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    allowedCorsOrigins: allowedCorsOrigins
    cacheMaxAgeSeconds: 60
  }
  // The app's first start needs its containers and its storage and telemetry roles.
  dependsOn: [
    storage
    rbac
  ]
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: names.systemTopic
    location: location
    tags: tags
    storageAccountName: names.storage
  }
  dependsOn: [
    storage
  ]
}

// Read by azd (and written to .azure/<env>/.env) and by scripts/azd-postdeploy.sh.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output DOCUMENTS_CONTAINER_NAME string = documentsContainerName
output EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
