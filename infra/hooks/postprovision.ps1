# azd postprovision hook (Windows): uploads samples/commitments.json to the config container if none exists yet
# (never overwrites a file the team has edited), then prints the next steps for the other clouds.
# The deployer's Storage Blob Data role takes minutes to apply: a failure is retried with backoff for a bounded time,
# and if the role still has not applied the hook says what to run later and exits 0 so `azd up` deploys the code.
$ErrorActionPreference = 'Stop'

$account = $env:STORAGE_ACCOUNT_NAME
if (-not $account) { throw 'STORAGE_ACCOUNT_NAME is not set; run through azd' }
$maxAttempts = if ($env:POSTPROVISION_MAX_ATTEMPTS) { [int]$env:POSTPROVISION_MAX_ATTEMPTS } else { 14 }
$firstDelay = if ($env:POSTPROVISION_FIRST_DELAY) { [int]$env:POSTPROVISION_FIRST_DELAY } else { 10 }
$maxDelay = if ($env:POSTPROVISION_MAX_DELAY) { [int]$env:POSTPROVISION_MAX_DELAY } else { 60 }
$upload = "az storage blob upload --auth-mode login --account-name $account --container-name config --name commitments.json --file samples/commitments.json"
$script:lastError = ''

function Invoke-WithRetry([scriptblock]$command) {
  $wait = $firstDelay
  for ($attempt = 1; ; $attempt++) {
    $output = & $command 2>&1
    if ($LASTEXITCODE -eq 0) { return @{ Ok = $true; Output = ($output | Out-String).Trim() } }
    $script:lastError = ($output | Out-String).Trim() -replace '\s+', ' '
    if ($attempt -ge $maxAttempts) { return @{ Ok = $false; Output = '' } }
    Write-Host "Storage not writable yet (attempt $attempt of $maxAttempts; role assignments take a few minutes to apply); retrying in ${wait}s."
    Start-Sleep -Seconds $wait
    $wait = [Math]::Min($wait * 2, $maxDelay)
  }
}

$exists = Invoke-WithRetry { az storage blob exists --auth-mode login --account-name $account --container-name config --name commitments.json --query exists -o tsv }
if (-not $exists.Ok) {
  Write-Host "WARNING: could not reach $account/config after $maxAttempts attempts: $script:lastError"
  Write-Host "The deploy goes on. Once your Storage Blob Data role has applied, upload the commitments with:"
  Write-Host "  $upload"
} elseif ($exists.Output -eq 'true') {
  Write-Host "config/commitments.json already exists in $account; left as is."
} else {
  $uploaded = Invoke-WithRetry { az storage blob upload --auth-mode login --account-name $account --container-name config --name commitments.json --file samples/commitments.json --only-show-errors }
  if ($uploaded.Ok) {
    Write-Host "Uploaded samples/commitments.json to $account/config/commitments.json (edit it there; SyncCommitments imports every change)."
  } else {
    Write-Host "WARNING: could not upload samples/commitments.json to $account after $maxAttempts attempts: $script:lastError"
    Write-Host "The deploy goes on. Upload it later with:"
    Write-Host "  $upload"
  }
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
exit 0
