#!/usr/bin/env bash
# Local runner: ./run.sh [command] — with no command, the whole pipeline end to end on built-in defaults.
# Commands: ingest focus --path P | export costs --out F | status | bench | --help
set -euo pipefail
cd "$(dirname "$0")"
. scripts/azurite.sh

# Storage defaults to Azurite on 127.0.0.1:10000-10002 (data kept in .local/azurite between runs).
# Setting Storage__ConnectionString or Storage__TableServiceUri switches to a real account instead.
if [ -z "${Storage__ConnectionString:-}" ] && [ -z "${Storage__TableServiceUri:-}" ]; then
  if ! port_open 10002; then
    echo "Starting Azurite on 127.0.0.1:10000-10002 (data in .local/azurite; stop it with: kill \$(cat .local/azurite.pid))" >&2
    azurite_start 10000 10001 10002 .local/azurite.pid .local/azurite.log --location .local/azurite
  fi
fi

dotnet build tools/Pipeline.Cli/Pipeline.Cli.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
exec dotnet tools/Pipeline.Cli/bin/Release/net10.0/pipeline.dll "$@"
