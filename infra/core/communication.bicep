@description('Azure Communication Services with an Email service; alerts go out from the Azure-managed domain (DoNotReply) or, when customDomain is set, from a named sender on that verified domain.')
param communicationServiceName string
param emailServiceName string
param tags object

@description('Data location of the Communication Services resources (a geography such as United States or Europe).')
param dataLocation string

@description('Optional custom email domain (e.g. alerts.contoso.com). Empty: the Azure-managed domain, which allows only the DoNotReply sender.')
param customDomain string = ''

@description('Whether the custom domain\'s DNS records have verified (ACS links only a verified domain); until then mail goes out from the managed domain.')
param customDomainVerified bool = false

@description('Sender username on the custom domain (ignored on the Azure-managed domain, which allows no custom usernames).')
param senderUsername string = 'finops-alerts'

@description('Display name of the sender on the custom domain.')
param senderDisplayName string = 'FinOps alerts'

var hasCustomDomain = !empty(customDomain)
var useCustomDomain = hasCustomDomain && customDomainVerified

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

// The Azure-managed domain comes with one sender, DoNotReply; ACS rejects other usernames on it. Always there: it is
// the sender until a custom domain verifies.
resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

// A customer-managed domain sends only after its DNS records verify (docs/deploy.md); then the named sender works.
resource customerDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = if (hasCustomDomain) {
  parent: emailService
  name: hasCustomDomain ? customDomain : 'unused'
  location: 'global'
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2025-05-01' = if (hasCustomDomain) {
  parent: customerDomain
  name: senderUsername
  properties: {
    username: senderUsername
    displayName: senderDisplayName
  }
}

// The preview API version is the first with disableLocalAuth: the access keys stop working, Entra ID is the only way in.
resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01-preview' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: useCustomDomain ? [managedDomain.id, customerDomain.id] : [managedDomain.id]
    disableLocalAuth: true
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = useCustomDomain
  ? '${senderUsername}@${customDomain}'
  : 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'

@description('With a custom domain: the DNS records to create before it can send (domain, SPF, DKIM, DKIM2); empty on the managed domain.')
output customDomainVerificationRecords object = hasCustomDomain ? customerDomain!.properties.verificationRecords : {}
