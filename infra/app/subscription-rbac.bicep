// Subscription-level reads for the Azure connector: costs of this subscription, GPU quotas and capacity reservations.
// Billing-account scopes and MACC lots need billing roles granted outside ARM (docs/azure.md).
targetScope = 'subscription'

@description('The function app identity\'s principal id.')
param appPrincipalId string

var costManagementReader = '72fafb9e-0641-4937-9268-a91bfd8191a3'
var reader = 'acdd72a7-3385-48ef-bd42-f606fbaae7e7'

// Named for the principal: after `azd down` deletes the identity, the next `azd up` creates a new identity and so new
// assignments, instead of trying to update the old ones (RoleAssignmentUpdateNotPermitted).
resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [costManagementReader, reader]: {
  name: guid(subscription().id, appPrincipalId, role)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]
