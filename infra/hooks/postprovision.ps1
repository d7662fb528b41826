# azd postprovision hook (Windows): uploads samples/commitments.json to the config container if none exists yet
# (never overwrites a file the team has edited), then prints the next steps for the other clouds.
$ErrorActionPreference = 'Stop'

$account = $env:STORAGE_ACCOUNT_NAME
if (-not $account) { throw 'STORAGE_ACCOUNT_NAME is not set; run through azd' }
$exists = az storage blob exists --auth-mode login --account-name $account --container-name config --name commitments.json --query exists -o tsv
if ($exists -eq 'true') {
  Write-Host "config/commitments.json already exists in $account; left as is."
} else {
  az storage blob upload --auth-mode login --account-name $account --container-name config --name commitments.json --file samples/commitments.json --only-show-errors | Out-Null
  Write-Host "Uploaded samples/commitments.json to $account/config/commitments.json (edit it there; SyncCommitments imports every change)."
}

Write-Host @"

Deployed: function app $($env:AZURE_FUNCTION_APP_NAME), alerts sent from $($env:EMAIL_SENDER_ADDRESS).
Next steps (docs/deploy.md):
  Azure   grant Cost Management Reader on billing scopes and Billing account reader for MACC lots (docs/azure.md)
  AWS     create the OIDC provider and role trusting the identity $($env:AZURE_CLIENT_ID) (docs/aws.md)
  Google  create the workload identity pool for Entra tokens (docs/gcp.md)
  Oracle  store the API key: az keyvault secret set --vault-name $($env:AZURE_KEY_VAULT_NAME) --name oci-private-key --file key.pem (docs/oci.md)
  Check   `$env:Storage__TableServiceUri='$($env:Storage__TableServiceUri)'; ./run.sh status
"@
