#!/usr/bin/env bash
# `make bench-seo`: serves the release build on a fresh demo database and runs Lighthouse's SEO
# category on every public page type (bench/seo.mjs); fails if one scores below 100.
set -euo pipefail
port=${BENCH_PORT:-3210}
# shellcheck source=bench/server.sh
source "$(dirname "$0")/server.sh"
trap 'stop; rm -rf "$data"' EXIT
start
node bench/seo.mjs "http://127.0.0.1:$port"
