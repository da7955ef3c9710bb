// The user-assigned managed identity the function app runs as. Role assignments are in rbac.bicep.

@description('Identity name.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
