#!/usr/bin/env bash
# `make bench-search`: search at 100.000 and 1.000.000 records (SIZES overrides the list).
# For each size, on a fresh data directory with the demo content: `server generate` (its wall
# time and peak memory; it prints how long the index build took), the database's and the
# index's size on disk, then `server bench`: each search, the typeahead, the time from a save
# to "searchable", the whole /tim-kiem page over HTTP (the portal's own stack on a local
# port, every request a new address so the page cache never answers), the lists, and the
# measuring process's resident memory (it holds the index and served the pages). Rows are
# median / p95 / slowest of 50 runs. Run from the repository root after `make build`.
set -euo pipefail
sizes=${SIZES:-"100000 1000000"}
for n in $sizes; do
  data=$(mktemp -d /tmp/hdnd-search-XXXXXX)
  echo "== $n bản ghi sinh thêm (cùng nội dung mẫu) =="
  /usr/bin/time -f "generate: %e s, bộ nhớ đỉnh %M KB" \
    env DATA_DIR="$data" DEMO_CONTENT=1 RUST_LOG=warn ./target/release/server generate --count "$n"
  echo "trên đĩa: cơ sở dữ liệu $(du -sh "$data/hdnd.db" | cut -f1), chỉ mục $(du -sh "$data/search" | cut -f1)"
  /usr/bin/time -f "bench: bộ nhớ đỉnh %M KB" \
    env DATA_DIR="$data" DEMO_CONTENT=0 RUST_LOG=warn LEPTOS_OUTPUT_NAME=hdnd LEPTOS_SITE_ROOT=target/site \
    ./target/release/server bench
  rm -rf "$data"
done
