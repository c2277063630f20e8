#!/usr/bin/env bash
# `make bench`: readers' throughput. Serves the release build on a fresh database (the demo,
# then again after `server generate` adds 100.000 records), and measures with wrk, one thread
# and 64 connections, 10 s per row: a static file of the same bytes as the seed article, the
# seed article, home, a category page, /nghi-quyet and a search, each plain and with
# `Accept-Encoding: br`, all as an anonymous reader (answered by the page cache after the first
# request); then the seed article as a signed-in editor (never cached: a render per request),
# at 64 connections and at one (the render time itself). Prints a table of req/s, p50/p99 latency and errors (non-2xx/3xx
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

# shellcheck source=bench/server.sh
source "$(dirname "$0")/server.sh"
trap 'stop; rm -rf "$data" "target/site/$static"' EXIT

# wrk's summary as "req/s p50 p99 errors" (latencies in ms; errors: answers other than
# 2xx/3xx, and requests still unanswered after 10 s).
measure() {
  local url=$1 encoding=$2 cookie=${3:-} clients=${4:-$connections} out
  local args=(-t1 -c"$clients" -d"${seconds}s" --timeout 10s --latency)
  if [ -n "$cookie" ]; then args+=(-H "Cookie: $cookie"); fi
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
  local session url="http://127.0.0.1:$port$seed"
  session=$(editor_session)
  read -r rps p50 p99 errors <<<"$(measure "$url" "" "$session")"
  read -r brps bp50 bp99 brerrors <<<"$(measure "$url" br "$session")"
  printf '| %-42s | %9s | %8s | %8s | %9s | %8s | %8s | %6s |\n' \
    "seed article, signed-in editor (no cache)" "$rps" "$p50" "$p99" "$brps" "$bp50" "$bp99" "$((errors + brerrors))"
  # One editor at a time: how long one render takes, without queueing behind the others.
  read -r rps p50 p99 errors <<<"$(measure "$url" "" "$session" 1)"
  read -r brps bp50 bp99 brerrors <<<"$(measure "$url" br "$session" 1)"
  printf '| %-42s | %9s | %8s | %8s | %9s | %8s | %8s | %6s |\n' \
    "  the same, one connection (render time)" "$rps" "$p50" "$p99" "$brps" "$bp50" "$bp99" "$((errors + brerrors))"
  echo "server peak RSS (VmHWM): $(peak_rss) MB"
  echo
}

# An editor's session cookie ("hdnd_phien=…"), signing in through the login server function.
editor_session() {
  DATA_DIR=$data RUST_LOG=warn ./target/release/server user add --email bench@hdnd.vn --role editor \
    --password mat-khau-do-tai-1 >/dev/null 2>&1 || true
  curl -fs -o /dev/null -D - -H "Origin: http://127.0.0.1:$port" \
    --data-urlencode email=bench@hdnd.vn --data-urlencode password=mat-khau-do-tai-1 \
    "http://127.0.0.1:$port/api/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(hdnd_phien=[^;]*\).*/\1/p'
}

command -v wrk >/dev/null || { echo "wrk is missing (make setup-load installs it)" >&2; exit 1; }

start
# The static file: the seed article's bytes as the server renders them for a visitor, served
# from the site root by the same server.
curl -fs "http://127.0.0.1:$port$seed" -o "target/site/$static"
table "demo database"
stop

generate "$records"
start
table "demo database + $(printf "%'d" "$records" | tr ',' '.') generated records"
stop
