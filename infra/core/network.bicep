@description('Opt-in private networking (privateNetworking = true): a VNet the Flex Consumption app joins, a NAT gateway for its calls to the clouds and to Communication Services, and private endpoints with private DNS for the storage services and Key Vault.')
param name string
param location string
param tags object
param storageAccountId string
param keyVaultId string

@description('Address space of the VNet; the app and endpoint subnets take its first two /24s.')
param addressPrefix string = '10.40.0.0/16'

// The clouds' billing APIs and ACS are public endpoints: a VNet-integrated app reaches them through this NAT gateway
// (new VNets have no default outbound access).
resource natIp 'Microsoft.Network/publicIPAddresses@2024-07-01' = {
  name: '${name}-nat-ip'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource nat 'Microsoft.Network/natGateways@2024-07-01' = {
  name: '${name}-nat'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: { publicIpAddresses: [{ id: natIp.id }] }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          natGateway: { id: nat.id }
          delegations: [{ name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

var storageServices = ['blob', 'queue', 'table']

// Key Vault's private-link zone is not derived from its DNS suffix (vault.azure.net -> vaultcore.azure.net).
var zoneNames = concat(map(storageServices, service => 'privatelink.${service}.${environment().suffixes.storage}'), ['privatelink.vaultcore.azure.net'])

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in zoneNames: {
  name: zone
  location: 'global'
  tags: tags
}]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, i) in zoneNames: {
  parent: zones[i]
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}]

resource storageEndpoints 'Microsoft.Network/privateEndpoints@2024-07-01' = [for service in storageServices: {
  name: '${name}-${service}'
  location: location
  tags: tags
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'endpoints') }
    privateLinkServiceConnections: [{ name: service, properties: { privateLinkServiceId: storageAccountId, groupIds: [service] } }]
  }
}]

resource storageDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = [for (service, i) in storageServices: {
  parent: storageEndpoints[i]
  name: 'default'
  properties: { privateDnsZoneConfigs: [{ name: service, properties: { privateDnsZoneId: zones[i].id } }] }
}]

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-07-01' = {
  name: '${name}-vault'
  location: location
  tags: tags
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'endpoints') }
    privateLinkServiceConnections: [{ name: 'vault', properties: { privateLinkServiceId: keyVaultId, groupIds: ['vault'] } }]
  }

  resource dns 'privateDnsZoneGroups' = {
    name: 'default'
    properties: { privateDnsZoneConfigs: [{ name: 'vault', properties: { privateDnsZoneId: zones[length(storageServices)].id } }] }
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app')
output outboundIp string = natIp.properties.ipAddress
