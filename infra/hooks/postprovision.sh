#!/usr/bin/env sh
# azd postprovision hook: uploads samples/commitments.json to the config container if none exists yet (never
# overwrites a file the team has edited), then prints the next steps for the other clouds.
#
# The deployer's Storage Blob Data role was created seconds ago and takes minutes to apply (shared keys are off, so
# there is no other way in): a 403 is retried with backoff for a bounded time. If the role still has not applied, the
# hook says what to run later and exits 0, so `azd up` goes on to deploy the code; nothing is lost.
set -u

account="${STORAGE_ACCOUNT_NAME:?STORAGE_ACCOUNT_NAME is not set; run through azd}"
max_attempts="${POSTPROVISION_MAX_ATTEMPTS:-14}"
delay="${POSTPROVISION_FIRST_DELAY:-10}"
max_delay="${POSTPROVISION_MAX_DELAY:-60}"
upload="az storage blob upload --auth-mode login --account-name $account --container-name config --name commitments.json --file samples/commitments.json"

# Runs "$@" until it succeeds or the attempts run out; the last error is in $last_error.
retry() {
  err=$(mktemp)
  attempt=1
  wait_for="$delay"
  while :; do
    if last_output=$("$@" 2>"$err"); then
      rm -f "$err"
      return 0
    fi
    last_error=$(tr '\n' ' ' <"$err")
    if [ "$attempt" -ge "$max_attempts" ]; then
      rm -f "$err"
      return 1
    fi
    echo "Storage not writable yet (attempt $attempt of $max_attempts; role assignments take a few minutes to apply); retrying in ${wait_for}s."
    sleep "$wait_for"
    attempt=$((attempt + 1))
    wait_for=$((wait_for * 2))
    if [ "$wait_for" -gt "$max_delay" ]; then wait_for="$max_delay"; fi
  done
}

if ! retry az storage blob exists --auth-mode login --account-name "$account" --container-name config --name commitments.json --query exists -o tsv; then
  echo "WARNING: could not reach $account/config after $max_attempts attempts: $last_error"
  echo "The deploy goes on. Once your Storage Blob Data role has applied, upload the commitments with:"
  echo "  $upload"
elif echo "$last_output" | grep -qi true; then
  echo "config/commitments.json already exists in $account; left as is."
elif retry az storage blob upload --auth-mode login --account-name "$account" --container-name config --name commitments.json --file samples/commitments.json --only-show-errors; then
  echo "Uploaded samples/commitments.json to $account/config/commitments.json (edit it there; SyncCommitments imports every change)."
else
  echo "WARNING: could not upload samples/commitments.json to $account after $max_attempts attempts: $last_error"
  echo "The deploy goes on. Upload it later with:"
  echo "  $upload"
fi

cat <<NEXT

Deployed: function app ${AZURE_FUNCTION_APP_NAME:-?}, alerts sent from ${EMAIL_SENDER_ADDRESS:-?}.
Next steps (docs/deploy.md):
  Azure   grant Cost Management Reader on billing scopes and Billing account reader for MACC lots (docs/azure.md)
  AWS     create the OIDC provider and role trusting the identity ${AZURE_CLIENT_ID:-?} (docs/aws.md)
  Google  create the workload identity pool for Entra tokens (docs/gcp.md)
  Oracle  store the API key: az keyvault secret set --vault-name ${AZURE_KEY_VAULT_NAME:-?} --name oci-private-key --file key.pem (docs/oci.md)
  Check   Storage__TableServiceUri=${Storage__TableServiceUri:-?} ./run.sh status
NEXT
exit 0
