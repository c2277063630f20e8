# Sourced by the load scripts: a release server on a fresh data directory ($data) at $port.
# `start` waits until it answers; `stop` ends it; `generate N` adds N records to the database.
data=$(mktemp -d /tmp/hdnd-load-XXXXXX)
server=""

stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}

start() {
  DATA_DIR=$data LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
    ./target/release/server &
  server=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.2
  done
  echo "the server did not start" >&2
  exit 1
}

generate() {
  echo "generating $1 records…" >&2
  DATA_DIR=$data RUST_LOG=warn ./target/release/server generate --count "$1" >/dev/null
}

# The server's resident memory now and at its peak, in MB.
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
peak_rss() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
