# azd preprovision hook (Windows): tells the template whether azd runs as a user or a service principal (CI), so the
# deployer's storage role assignments carry the right principalType. An explicit AZURE_PRINCIPAL_TYPE wins.
$ErrorActionPreference = 'Stop'

if ($env:AZURE_PRINCIPAL_TYPE) {
  Write-Host "AZURE_PRINCIPAL_TYPE=$($env:AZURE_PRINCIPAL_TYPE) (set in the environment)."
  exit 0
}

$type = 'User'
if ($env:AZURE_CLIENT_ID -and ($env:AZURE_FEDERATED_TOKEN_FILE -or $env:AZURE_CLIENT_SECRET -or $env:ACTIONS_ID_TOKEN_REQUEST_URL)) {
  $type = 'ServicePrincipal'
} else {
  $signedIn = az account show --query user.type -o tsv 2>$null
  if ($signedIn -eq 'servicePrincipal') { $type = 'ServicePrincipal' }
}

azd env set AZURE_PRINCIPAL_TYPE $type
Write-Host "AZURE_PRINCIPAL_TYPE=$type"
