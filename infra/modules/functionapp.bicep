// The function app on the Flex Consumption plan (FC1), .NET 10 isolated worker, running as a
// user-assigned managed identity. No keys or storage connection strings in its settings.

@description('Function app name (also the host name prefix).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan and the app. The app also gets the azd service tag.')
param tags object

@description('azd service name in azure.yaml; azd finds the app to deploy to by this tag.')
param azdServiceName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account for AzureWebJobsStorage, the deployment package and the app data.')
param storageAccountName string

@description('Blob container that holds the Flex deployment package.')
param deploymentContainerName string

@description('Blob container of uploaded documents (seeds).')
param documentsContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Origins the API answers CORS requests for; the app handles CORS itself.')
param allowedCorsOrigins string[]

@description('Cache-Control max-age the API sends, in seconds.')
param cacheMaxAgeSeconds int

@description('When the sweep (SyncDocuments) runs: NCRONTAB with seconds. host.json holds the same default for hosts with no settings.')
param syncSchedule string = '0 0 * * * *'

@description('Memory per instance: 512, 2048 or 4096 MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

// 40 was the lowest value the platform accepted while Flex Consumption was in preview; it is also
// the lowest that is sure to be accepted now.
@description('Upper bound on instances the plan may scale out to (cost ceiling).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Platform CORS stays empty: the app answers CORS itself (Api__CorsAllowedOrigins).
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Host storage over managed identity. The app's own Azure SDK clients read the same section
    // (accountName + clientId) and authenticate with that identity.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Telemetry with a Microsoft Entra token (local auth is disabled on the component).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Api__CorsAllowedOrigins: join(allowedCorsOrigins, ',')
    Api__CacheMaxAgeSeconds: string(cacheMaxAgeSeconds)
    Content__DocumentsContainer: documentsContainerName
    // The sweep's schedule, overriding host.json's newsFunctions.syncSchedule (the same default): the place to change
    // it per deployment. Also here in case the platform, waking a scaled-in app for its timers, resolves the
    // schedule from app settings only (not verifiable outside Azure).
    AzureFunctionsJobHost__newsFunctions__syncSchedule: syncSchedule
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output uri string = 'https://${app.properties.defaultHostName}'
