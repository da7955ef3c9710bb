// Log Analytics workspace and a workspace-based Application Insights component.
// Local (instrumentation-key) authentication is off: telemetry must be sent with a Microsoft Entra
// token, which the Functions host does when APPLICATIONINSIGHTS_AUTHENTICATION_STRING is set.

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Region of both resources.')
param location string

@description('Tags for every resource.')
param tags object

@description('Days Log Analytics keeps data. 30 is included in the ingestion price.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output applicationInsightsName string = appInsights.name
output applicationInsightsId string = appInsights.id
// The connection string holds the ingestion endpoint and the instrumentation key, which with local
// authentication disabled is an identifier, not a credential.
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
output logAnalyticsName string = workspace.name
