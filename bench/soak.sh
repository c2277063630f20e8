#!/usr/bin/env bash
# `make soak`: ten minutes at 80 % of the measured capacity. On a fresh database (the demo and
# SOAK_RECORDS generated records, 100.000 by default) it measures the capacity for readers'
# mix (bench/mix.lua, wrk with 64 connections, 20 s), then loads the server at 80 % of it for
# SOAK_MINUTES (10) one-minute rounds, printing for each the requests answered, errors
# (non-2xx/3xx answers and timeouts) and the server's RSS. Run from the repository root after
# `make build`.
set -euo pipefail
port=${BENCH_PORT:-3200}
connections=${BENCH_CONNECTIONS:-64}
records=${SOAK_RECORDS:-100000}
minutes=${SOAK_MINUTES:-10}
here=$(dirname "$0")
# shellcheck source=bench/server.sh
source "$here/server.sh"
trap 'stop; rm -rf "$data"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing (make setup-load installs it)" >&2; exit 1; }

# "req/s requests errors" from a wrk summary.
summary() {
  awk '
    $1 == "Requests/sec:" { rps = $2 }
    / requests in / { requests = $1 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { sub(/.*timeout /, ""); errors += $1 }
    END { printf "%.0f %d %d\n", rps, requests, errors }
  '
}

run() {
  local seconds=$1 delay=$2
  WRK_DELAY_MS=$delay wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/mix.lua" \
    "http://127.0.0.1:$port" | summary
}

[ "$records" -gt 0 ] && generate "$records"
start
read -r capacity _ _ <<<"$(run 20 0)"
target=$((capacity * 8 / 10))
# At capacity a connection gets an answer every connections/capacity s; at 80 % it pauses the
# difference after each answer.
delay=$(awk -v c="$connections" -v cap="$capacity" -v t="$target" 'BEGIN { printf "%.3f", c * 1000 / t - c * 1000 / cap }')
echo "capacity: $capacity req/s; soak at 80 %: about $target req/s (each of $connections connections pausing ${delay} ms on average)"
printf '| %6s | %8s | %9s | %6s | %8s |\n' "minute" "req/s" "requests" "errors" "RSS MB"
printf '|%s|%s|%s|%s|%s|\n' "--------" "----------" "-----------" "--------" "----------"
total_errors=0
for minute in $(seq 1 "$minutes"); do
  read -r rps requests errors <<<"$(run 60 "$delay")"
  total_errors=$((total_errors + errors))
  printf '| %6s | %8s | %9s | %6s | %8s |\n' "$minute" "$rps" "$requests" "$errors" "$(rss)"
done
echo "errors in all: $total_errors; peak RSS: $(peak_rss) MB"
