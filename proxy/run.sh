#!/usr/bin/env bash
# `make proxy`: the portal on 127.0.0.1:3000 (demo database in data/, as `make run`) with
# Varnish in front on 127.0.0.1:8080. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR=${DATA_DIR:-data} LEPTOS_SITE_ADDR=127.0.0.1:3000 TRUSTED_PROXIES=127.0.0.1 ./target/release/server &
portal=$!
trap 'kill $portal 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do curl -fs -o /dev/null http://127.0.0.1:3000/ && break; sleep 0.2; done
echo "Varnish on http://127.0.0.1:8080 in front of the portal on http://127.0.0.1:3000"
./proxy/varnish.sh 8080 3000
