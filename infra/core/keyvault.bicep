@description('Key Vault (RBAC mode) for the credentials Azure cannot federate: the OCI API key, a GCP key fallback, AWS keys fallback. App settings reference its secrets.')
param name string
param location string
param tags object

@description('Purge protection: a deleted vault and its secrets cannot be purged for the retention period (and its name cannot be reused until then).')
param purgeProtection bool = false

@description('Private networking: deny public access except from allowedIpRanges (the app reads secrets through its private endpoint).')
param privateNetworking bool = false

@description('With private networking, public IP ranges (CIDR) still let in.')
param allowedIpRanges array = []

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Purge protection cannot be turned off once on; "false" is not accepted, so off means leaving it unset.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: privateNetworking && empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range }]
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output id string = vault.id
