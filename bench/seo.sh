#!/usr/bin/env bash
# `make bench-seo`: serves the release build on a fresh demo database and runs Lighthouse's SEO
# category on every public page type (bench/seo.mjs); fails if one scores below 100.
set -euo pipefail
port=${BENCH_PORT:-3210}
data=$(mktemp -d /tmp/hdnd-seo-XXXXXX)
DATA_DIR=$data LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  ./target/release/server &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.2
done
node bench/seo.mjs "http://127.0.0.1:$port"
