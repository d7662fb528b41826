#!/usr/bin/env bash
# Builds with warnings as errors and runs every test project against a private Azurite on loopback.
# Ends with one line "N passed, N failed[, N skipped]" summed over all projects; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/azurite.sh

BLOB_PORT=${TEST_AZURITE_BLOB_PORT:-20000}
QUEUE_PORT=$((BLOB_PORT + 1))
TABLE_PORT=$((BLOB_PORT + 2))
RESULTS=TestResults
PIDFILE=.local/test-azurite.pid
SMTP_PORT=${TEST_SMTP_PORT:-21025}
MAILDEV_WEB_PORT=$((SMTP_PORT + 55))
MAILDEV_PIDFILE=.local/test-maildev.pid

cleanup() { azurite_stop "$PIDFILE"; azurite_stop "$MAILDEV_PIDFILE"; }
trap cleanup EXIT

for port in "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" "$SMTP_PORT" "$MAILDEV_WEB_PORT"; do
  if port_open "$port"; then
    echo "Port $port is in use; set TEST_AZURITE_BLOB_PORT to a free range." >&2
    exit 1
  fi
done

azurite_start "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" "$PIDFILE" .local/test-azurite.log --inMemoryPersistence || exit 1
maildev_start "$SMTP_PORT" "$MAILDEV_WEB_PORT" "$MAILDEV_PIDFILE" .local/test-maildev.log || exit 1
export PIPELINE_TEST_SMTP_PORT="$SMTP_PORT"
export PIPELINE_TEST_MAILDEV_URL="http://127.0.0.1:$MAILDEV_WEB_PORT"
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export PIPELINE_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"

echo "== build (warnings are errors)"
if ! dotnet build Pipeline.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$RESULTS"
echo "== test"
dotnet test Pipeline.sln -c Release --no-build --nologo -v q --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS"
status=$?

# The calendar guard: the suite again with "today" pinned to each date where trailing windows change shape (the 1st,
# the 5th, the 6th, a month's last day, 1 January, 29 February; tests/Shared/TestClock.cs). Tests take "now" from
# PIPELINE_TEST_NOW through TestClock, so a test that passes only on some days fails here, whatever today is.
CALENDAR_DATES=${TEST_CALENDAR_DATES-"2026-12-01 2026-12-05 2026-12-06 2026-11-30 2027-01-01 2028-02-29"}
for date in $CALENDAR_DATES; do
  echo "== test with today = $date"
  PIPELINE_TEST_NOW="$date" dotnet test Pipeline.sln -c Release --no-build --nologo -v q --logger "trx" --logger "console;verbosity=minimal" \
    --filter "Category!=ClockIndependent" --results-directory "$RESULTS/today-$date" || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$RESULTS"/*.trx "$RESULTS"/today-*/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then
  # No results at all is a failure, never a silent green.
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
