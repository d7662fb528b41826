@description('Azure Communication Services with an Email service and an Azure-managed domain; the alert emails go out through it.')
param communicationServiceName string
param emailServiceName string
param tags object

@description('Data location of the Communication Services resources (a geography such as United States or Europe).')
param dataLocation string

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }

  resource domain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }

    resource sender 'senderUsernames' = {
      name: 'finops-alerts'
      properties: {
        username: 'finops-alerts'
        displayName: 'FinOps alerts'
      }
    }
  }
}

// The preview API version is the first with disableLocalAuth: the access keys stop working, Entra ID is the only way in.
resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01-preview' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [emailService::domain.id]
    disableLocalAuth: true
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = 'finops-alerts@${emailService::domain.properties.mailFromSenderDomain}'
