#!/usr/bin/env sh
# azd preprovision hook: tells the template whether azd runs as a user or a service principal (CI), so the deployer's
# storage role assignments carry the right principalType (a mismatch fails with UnmatchedPrincipalType). An explicit
# `azd env set AZURE_PRINCIPAL_TYPE ...` wins.
set -u

if [ -n "${AZURE_PRINCIPAL_TYPE:-}" ]; then
  echo "AZURE_PRINCIPAL_TYPE=$AZURE_PRINCIPAL_TYPE (set in the environment)."
  exit 0
fi

type=User
# A pipeline signs azd in with a client id (federated credential or secret); the Azure CLI says what it is signed in as.
if [ -n "${AZURE_CLIENT_ID:-}" ] && { [ -n "${AZURE_FEDERATED_TOKEN_FILE:-}" ] || [ -n "${AZURE_CLIENT_SECRET:-}" ] || [ -n "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; }; then
  type=ServicePrincipal
elif [ "$(az account show --query user.type -o tsv 2>/dev/null)" = "servicePrincipal" ]; then
  type=ServicePrincipal
fi

azd env set AZURE_PRINCIPAL_TYPE "$type"
echo "AZURE_PRINCIPAL_TYPE=$type"
