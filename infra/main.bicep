// Subscription scope: creates the resource group and everything the pipeline runs on (see docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name resources.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
param location string

@description('The deploying user (azd sets AZURE_PRINCIPAL_ID); gets storage data roles for ./run.sh against the deployed account.')
param principalId string = ''

@description('What kind of principal runs azd (azd sets AZURE_PRINCIPAL_TYPE): a user at a terminal or a service principal in CI.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Flex Consumption instance memory (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Flex Consumption maximum instance count.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Data location of Azure Communication Services (a geography).')
param communicationDataLocation string = 'United States'

@description('Optional custom email domain for the alerts (e.g. alerts.contoso.com); empty sends from the Azure-managed domain\'s DoNotReply address.')
param emailCustomDomain string = ''

@description('Set once the custom domain\'s DNS records have verified (docs/deploy.md); until then the managed domain sends.')
param emailCustomDomainVerified bool = false

@description('Sender username on the custom domain (the managed domain allows only DoNotReply).')
param emailSenderUsername string = 'finops-alerts'

@description('Key Vault purge protection. Off by default so `azd down --purge` then `azd up` works with the same environment name; on, a deleted vault keeps its name for the 7-day retention and the environment cannot be re-created under that name until then (docs/deploy.md).')
param keyVaultPurgeProtection bool = false

@description('Who receives alerts of commitments without owners.')
param alertRecipients array

@description('NCRONTAB schedules of the timer functions.')
param schedules object = {
  FOCUS_EXPORTS_SCHEDULE: '0 30 6 * * *'
  WATCHDOG_SCHEDULE: '0 5 * * * *'
  COMMITMENTS_SYNC_SCHEDULE: '0 */15 * * * *'
  COSTS_AWS_SCHEDULE: '0 0 7 * * *'
  CAPACITY_AWS_SCHEDULE: '0 20 * * * *'
  COSTS_AZURE_SCHEDULE: '0 10 7 * * *'
  CAPACITY_AZURE_SCHEDULE: '0 25 * * * *'
  COSTS_GCP_SCHEDULE: '0 20 7 * * *'
  CAPACITY_GCP_SCHEDULE: '0 30 * * * *'
  COSTS_OCI_SCHEDULE: '0 30 7 * * *'
  CAPACITY_OCI_SCHEDULE: '0 35 * * * *'
}

@description('FOCUS export locations (FocusExports:Sources), e.g. https Blob URLs, s3:// or oci:// prefixes.')
param focusExportSources array = []

@description('Azure connector settings, as in docs/azure.md without the "Azure:" prefix (e.g. { Enabled: true, BillingAccountId: "...", "Scopes:0": "subscriptions/..." }).')
param azureSettings object = {}

@description('AWS connector settings, as in docs/aws.md without the "Aws:" prefix.')
param awsSettings object = {}

@description('Google Cloud connector settings, as in docs/gcp.md without the "Gcp:" prefix.')
param gcpSettings object = {}

@description('Oracle Cloud connector settings, as in docs/oci.md without the "Oci:" prefix; the API key comes from the Key Vault secret "oci-private-key".')
param ociSettings object = {}

@description('Private networking (off by default, see docs/deploy.md): the app joins a VNet with a NAT gateway, storage and Key Vault get private endpoints and deny public access except from allowedIpRanges.')
param privateNetworking bool = false

@description('With private networking, public IP ranges (CIDR) still allowed on storage and Key Vault, e.g. the operator running azd and ./run.sh.')
param allowedIpRanges array = []

var abbrs = loadJsonContent('abbreviations.json')
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${take(token, 7)}'
var keyVaultName = '${abbrs.keyVaultVaults}${take(token, 20)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: '${abbrs.managedIdentityUserAssignedIdentities}${token}', location: location, tags: tags }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${token}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    privateNetworking: privateNetworking
    allowedIpRanges: allowedIpRanges
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${token}'
    applicationInsightsName: '${abbrs.insightsComponents}${token}'
    location: location
    tags: tags
  }
}

module vault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    purgeProtection: keyVaultPurgeProtection
    privateNetworking: privateNetworking
    allowedIpRanges: allowedIpRanges
  }
}

module network 'core/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${token}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
    keyVaultId: vault.outputs.id
  }
}

module communication 'core/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    communicationServiceName: '${abbrs.communicationServices}${token}'
    emailServiceName: '${abbrs.emailServices}${token}'
    dataLocation: communicationDataLocation
    tags: tags
    customDomain: emailCustomDomain
    customDomainVerified: emailCustomDomainVerified
    senderUsername: emailSenderUsername
  }
}

// Connector sections flattened to app settings ("Section__Key"; ":" in a key becomes "__").
var connectorSettings = union(
  toObject(items(azureSettings), e => 'Azure__${replace(e.key, ':', '__')}', e => string(e.value)),
  toObject(items(awsSettings), e => 'Aws__${replace(e.key, ':', '__')}', e => string(e.value)),
  toObject(items(gcpSettings), e => 'Gcp__${replace(e.key, ':', '__')}', e => string(e.value)),
  toObject(items(ociSettings), e => 'Oci__${replace(e.key, ':', '__')}', e => string(e.value)),
  contains(ociSettings, 'Enabled') && bool(ociSettings.Enabled)
    ? { Oci__PrivateKeyPem: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=oci-private-key)' }
    : {})

var pipelineSettings = union(schedules, connectorSettings, {
  Email__Mode: 'Acs'
  Email__From: communication.outputs.senderAddress
  Email__Acs__Endpoint: communication.outputs.endpoint
}, toObject(range(0, length(alertRecipients)), i => 'Email__DefaultRecipients__${i}', i => string(alertRecipients[i])),
  toObject(range(0, length(focusExportSources)), i => 'FocusExports__Sources__${i}', i => string(focusExportSources[i])))

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    planName: '${abbrs.webServerFarms}${token}'
    appName: '${abbrs.webSitesFunctions}${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    pipelineSettings: pipelineSettings
    appSubnetId: privateNetworking ? network!.outputs.appSubnetId : ''
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    communicationServiceName: communication.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module subscriptionRbac 'app/subscription-rbac.bicep' = {
  name: 'subscription-rbac'
  params: { appPrincipalId: identity.outputs.principalId }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output Storage__TableServiceUri string = storage.outputs.tableEndpoint
output Storage__QueueServiceUri string = storage.outputs.queueEndpoint
output Storage__BlobServiceUri string = storage.outputs.blobEndpoint
output EMAIL_SENDER_ADDRESS string = communication.outputs.senderAddress

@description('With a custom email domain: the DNS records to create so it verifies (docs/deploy.md).')
output EMAIL_DOMAIN_VERIFICATION_RECORDS object = communication.outputs.customDomainVerificationRecords

@description('With private networking, the one public IP the app calls the clouds from (for their network allowlists).')
output OUTBOUND_IP string = privateNetworking ? network!.outputs.outboundIp : ''
