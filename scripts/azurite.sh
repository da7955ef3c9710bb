#!/usr/bin/env bash
# Start or stop the project's pinned Azurite (blob, queue, table) on 127.0.0.1.
#   scripts/azurite.sh start [DATA_DIR]   on-disk persistence in DATA_DIR (default .azurite/)
#   scripts/azurite.sh stop
# Always --disableTelemetry (otherwise Azurite calls out to the internet and is slow to stop) and
# --skipApiVersionCheck (Azure.Storage.Blobs 12.30 speaks a newer API version than Azurite 3.37 knows).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pidfile="$root/.azurite/azurite.pid"

listening() { (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; }

case "${1:-}" in
  start)
    data="${2:-$root/.azurite/data}"
    mkdir -p "$data" "$root/.azurite"
    if listening; then echo "Azurite is already listening on 127.0.0.1:10000-10002."; exit 0; fi
    if [ ! -f "$root/node_modules/azurite/dist/src/azurite.js" ]; then
      echo "Installing Azurite (npm ci)..."; (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    node "$root/node_modules/azurite/dist/src/azurite.js" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --location "$data" --disableTelemetry --skipApiVersionCheck --silent \
      >"$root/.azurite/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if listening; then echo "Azurite started (pid $(cat "$pidfile"), data in $data)."; exit 0; fi
      sleep 0.1
    done
    echo "Azurite did not start; see $root/.azurite/azurite.log" >&2; exit 1 ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"; kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"; echo "Azurite stopped."
    fi ;;
  *) echo "usage: $0 start [DATA_DIR] | stop" >&2; exit 2 ;;
esac
