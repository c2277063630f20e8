#!/usr/bin/env bash
# `make bench`: readers' throughput. Serves the release build on a fresh database (the demo,
# then again after `server generate` adds 100.000 records), and measures with wrk, one thread
# and 64 connections, 10 s per row: a static file of the same bytes as the seed article, the
# seed article, home, a category page, /nghi-quyet and a search, each plain and with
# `Accept-Encoding: br`. Prints a table of req/s, p50/p99 latency and errors (non-2xx/3xx
# answers and requests unanswered after 10 s), and the server's peak RSS (VmHWM). Run from the
# repository root after `make build`.
set -euo pipefail
port=${BENCH_PORT:-3200}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
records=${BENCH_RECORDS:-100000}
seed=/bai-viet/trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong
static=bench-article.html
paths=("/$static" "$seed" "/" "/chuyen-muc/thong-tin-trong-tinh" "/nghi-quyet" "/tim-kiem?q=ngh%E1%BB%8B+quy%E1%BA%BFt")
names=("static file (same bytes as the article)" "seed article" "home" "category" "/nghi-quyet" "search")

data=$(mktemp -d /tmp/hdnd-load-XXXXXX)
server=""
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop; rm -rf "$data" "target/site/$static"' EXIT

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

# wrk's summary as "req/s p50 p99 errors" (latencies in ms; errors: answers other than
# 2xx/3xx, and requests still unanswered after 10 s).
measure() {
  local url=$1 encoding=$2 out
  local args=(-t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency)
  if [ -n "$encoding" ]; then
    out=$(wrk "${args[@]}" -H "Accept-Encoding: $encoding" "$url")
  else
    out=$(wrk "${args[@]}" "$url")
  fi
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
      return v
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { sub(/.*timeout /, ""); errors += $1 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, errors }
  ' <<<"$out"
}

table() {
  local title=$1
  echo "== $title =="
  printf '| %-42s | %9s | %8s | %8s | %9s | %8s | %8s | %6s |\n' "page" "req/s" "p50 ms" "p99 ms" "br req/s" "br p50" "br p99" "errors"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------------------------" "-----------" "----------" "----------" "-----------" "----------" "----------" "--------"
  for i in "${!paths[@]}"; do
    local url="http://127.0.0.1:$port${paths[$i]}"
    read -r rps p50 p99 errors <<<"$(measure "$url" "")"
    read -r brps bp50 bp99 brerrors <<<"$(measure "$url" br)"
    printf '| %-42s | %9s | %8s | %8s | %9s | %8s | %8s | %6s |\n' \
      "${names[$i]}" "$rps" "$p50" "$p99" "$brps" "$bp50" "$bp99" "$((errors + brerrors))"
  done
  echo "server peak RSS (VmHWM): $(awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server/status")"
  echo
}

command -v wrk >/dev/null || { echo "wrk is missing (make setup-load installs it)" >&2; exit 1; }

start
# The static file: the seed article's bytes as the server renders them for a visitor, served
# from the site root by the same server.
curl -fs "http://127.0.0.1:$port$seed" -o "target/site/$static"
table "demo database"
stop

echo "generating $records records…" >&2
DATA_DIR=$data RUST_LOG=warn ./target/release/server generate --count "$records" >/dev/null
start
table "demo database + $(printf "%'d" "$records" | tr ',' '.') generated records"
stop
