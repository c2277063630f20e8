#!/usr/bin/env bash
# `make bench-web`: serves the release build on a fresh demo database, runs Lighthouse on the
# page types the budgets name, lists the built modules (readers' and editors') with their stored
# sizes, times an editor's first "Sửa", and shows `twiggy top` of the readers' main WASM
# module. Run from the repository root after `make build`.
set -euo pipefail
port=${BENCH_PORT:-3200}
data=$(mktemp -d /tmp/hdnd-bench-XXXXXX)
# An editor for the timing of an editor's first "Sửa" (bench/editor.mjs).
editor=bench-editor@hdnd.test
password=Bench-$(date +%s)-mat-khau
DATA_DIR=$data RUST_LOG=warn ./target/release/server user add --email "$editor" --role editor \
  --password "$password" >/dev/null
DATA_DIR=$data LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  ./target/release/server &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.2
done

# name, raw, brotli 11 and gzip 9 bytes of each file given
sizes() {
  for f in "$@"; do
    [ -e "$f" ] || continue
    printf '%-60s %9d %9d %9d\n' "$(basename "$f")" "$(stat -c %s "$f")" \
      "$(stat -c %s "$f.br" 2>/dev/null || echo 0)" "$(stat -c %s "$f.gz" 2>/dev/null || echo 0)"
  done
}
echo "== Readers' module and its chunks, /pkg (bytes: raw, brotli 11, gzip 9) =="
sizes target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css
echo
echo "== Editors' module, /pkg/editors: its main files, then all of its files together =="
sizes target/site/pkg/editors/hdnd.*.wasm target/site/pkg/editors/hdnd.*.js
sizes target/site/pkg/editors/*.wasm target/site/pkg/editors/*.js |
  awk '{n++; raw+=$2; br+=$3; gz+=$4} END {printf "%-60s %9d %9d %9d\n", n " files", raw, br, gz}'
echo

echo "== Lighthouse =="
node bench/web.mjs "http://127.0.0.1:$port"
echo

echo "== An editor's first \"Sửa\" (loopback, no throttling) =="
node bench/editor.mjs "http://127.0.0.1:$port" "$editor" "$password"
echo

main=$(ls target/site/pkg/hdnd.*.wasm 2>/dev/null | head -n 1 || true)
if command -v twiggy >/dev/null && [ -n "$main" ]; then
  echo "== twiggy top -n 20 of the readers' main module, $(basename "$main") =="
  twiggy top -n 20 "$main"
fi
