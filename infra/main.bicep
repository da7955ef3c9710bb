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

// A string, not an array: azd before 1.23.4 substitutes "${ALLOWED_CORS_ORIGINS=[]}" as the string "[]" and ARM
// refuses it for an array parameter. A string passes through every azd version; it is split here.
@description('Origins the API answers CORS requests for, comma-separated ("https://news.example.org,https://www.example.org"); a JSON array is accepted too. Empty: no cross-origin browser access.')
param allowedCorsOrigins string = ''

@description('Optional object id of the person running azd (AZURE_PRINCIPAL_ID): gets blob and table data access to upload seeds and inspect tables. Empty: none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// One line, so scripts/check-infra.sh can evaluate it with the Bicep console on sample values.
@description('The origins in a comma-separated list or a JSON array, trimmed, without empty entries.')
func corsOriginsOf(text string) string[] => filter(map(startsWith(trim(text), '[') ? json(trim(text)) : split(trim(text), ','), origin => trim(string(origin))), origin => !empty(origin))

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var documentsContainerName = 'seeds'
var deploymentContainerName = 'app-package'
// Article bodies too long for one table entity (the app's Content:BodiesContainer default).
var bodiesContainerName = 'article-bodies'
// The app creates these itself on first use too; declaring them keeps a deployment complete and visible
// (Content:TablePrefix is empty here). The search index is 16 tables, search00..search15.
var tableNames = concat(
  [
    'articles'
    'articleindex'
    'articletitles'
    'documents'
    'facets'
  ],
  map(range(0, 16), shard => 'search${padLeft(shard, 2, '0')}')
)
// The blob trigger's poison queue, which the host polls from its first start (the app creates it too).
var queueNames = [
  'webjobs-blobtrigger-poison'
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
    queueNames: queueNames
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
    allowedCorsOrigins: corsOriginsOf(allowedCorsOrigins)
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
