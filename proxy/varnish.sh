#!/usr/bin/env bash
# Runs Varnish in the foreground on 127.0.0.1:$1 in front of the portal on 127.0.0.1:$2, with
# proxy/varnish.vcl and 64 MB of memory for pages. Used by `make proxy` and by the end-to-end
# tests (Playwright starts it beside the portal).
set -euo pipefail
listen=${1:-8080}
backend=${2:-3000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hdnd-varnish-XXXXXX")
sed "s/\.port = \"3000\";/.port = \"$backend\";/" "$here/varnish.vcl" > "$work/portal.vcl"
# Varnish drops root for a worker user; the working directory must be theirs to read.
chmod 755 "$work"
exec varnishd -F -n "$work" -a "127.0.0.1:$listen" -f "$work/portal.vcl" -s malloc,64m -p default_grace=0
