# Local server helpers shared by run.sh and test.sh (sourced, not executed): Azurite and maildev,
# both on loopback only and installed from the pinned package-lock.json. azurite_stop stops either by PID.

azurite_ensure_installed() {
  if [ ! -x node_modules/.bin/azurite ]; then
    echo "Installing the local dev servers (npm ci)..." >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

# port_open PORT -> 0 when something accepts connections on 127.0.0.1:PORT
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# azurite_start BLOB_PORT QUEUE_PORT TABLE_PORT PIDFILE LOGFILE [--location DIR | --inMemoryPersistence]
azurite_start() {
  local blob=$1 queue=$2 table=$3 pidfile=$4 logfile=$5
  shift 5
  azurite_ensure_installed
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  nohup node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" "$@" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    if port_open "$blob" && port_open "$queue" && port_open "$table"; then
      return 0
    fi
    sleep 0.2
  done
  echo "Azurite did not start on 127.0.0.1:$blob-$table; see $logfile" >&2
  return 1
}

# maildev_start SMTP_PORT WEB_PORT PIDFILE LOGFILE: a local SMTP capture server with a REST API (/api/email).
maildev_start() {
  local smtp=$1 web=$2 pidfile=$3 logfile=$4
  azurite_ensure_installed
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  nohup node_modules/.bin/maildev --smtp "$smtp" --web "$web" --ip 127.0.0.1 --web-ip 127.0.0.1 >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    if port_open "$smtp" && port_open "$web"; then
      return 0
    fi
    sleep 0.2
  done
  echo "maildev did not start on 127.0.0.1:$smtp; see $logfile" >&2
  return 1
}

# azurite_stop PIDFILE: SIGTERM, then SIGKILL after a grace period (a plain SIGTERM may leave it alive).
azurite_stop() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
