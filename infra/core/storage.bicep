@description('Storage for the pipeline tables and queues, the host, the deployment package and the commitments file. Shared keys are off: every client uses Entra ID.')
param name string
param location string
param tags object

@description('Blob container holding the function app deployment package.')
param deploymentContainerName string

@description('Private networking: public access only from these IP ranges (empty: none at all; the app uses private endpoints).')
param privateNetworking bool = false

@description('With private networking, public IP ranges (CIDR) still let in, e.g. the operator running azd and ./run.sh.')
param allowedIpRanges array = []

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: privateNetworking && empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range, action: 'Allow' }]
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'
    properties: { deleteRetentionPolicy: { enabled: true, days: 7 } }

    resource deployment 'containers' = {
      name: deploymentContainerName
    }

    // The commitments file (commitments.json), uploaded by the postprovision hook and synced by SyncCommitments.
    resource config 'containers' = {
      name: 'config'
    }
  }

  // Created here so a first run finds them; the app also creates them idempotently if missing.
  resource tables 'tableServices' = {
    name: 'default'

    resource tableResources 'tables' = [for table in ['costs', 'costreplacements', 'runs', 'commitments', 'burnrate', 'alerts', 'fxrates', 'capacity', 'capacityhistory']: {
      name: table
    }]
  }

  resource queues 'queueServices' = {
    name: 'default'

    resource queueResources 'queues' = [for queue in ['evaluations', 'notifications', 'capacity-evaluations']: {
      name: queue
    }]
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
