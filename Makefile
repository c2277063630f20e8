# Two entry points: `make run` and `make test`. Each installs what is missing on a fresh
# machine (as root, non-interactively), then does its job.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
E2E := end2end
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/$(E2E)/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help run proxy test setup setup-rust setup-node setup-browser setup-proxy build unit lint e2e bench-web bench-seo setup-lighthouse setup-bench bench soak bench-search setup-load clean

help:
	@echo "make run   – build (release) and serve http://127.0.0.1:3000 with the demo database in data/"
	@echo "make test  – unit and integration tests, clippy, Playwright against a fresh database, then Lighthouse SEO"
	@echo "make proxy – build (release), then the portal on :3000 with Varnish in front on http://127.0.0.1:8080"
	@echo "make bench-web – release build, then Lighthouse (mobile), module sizes and twiggy on a fresh demo database"
	@echo "make bench-seo – release build, then Lighthouse SEO on every public page type (fails below 100)"
	@echo "make bench-search – release build, then search, typeahead and the search page at 100.000 and 1.000.000 records"
	@echo "make bench – release build, then readers' throughput (wrk, 64 connections) on the demo and at 100.000 records"
	@echo "make soak  – release build, then 10 minutes at 80 % of the measured capacity: errors and memory, minute by minute"

## ---- set-up (idempotent) ----

setup: setup-rust setup-node setup-browser

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(cargo leptos --version 2>/dev/null | awk '{print $$2}')" != "$(CARGO_LEPTOS_VERSION)" ]; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (takes a while)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads; fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked \
	    || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

# Playwright and wasm-opt (binaryen) come from end2end's committed lockfile.
setup-node:
	@command -v npm >/dev/null || { apt-get update && apt-get install -y nodejs npm; }
	@if [ ! -x $(E2E)/node_modules/.bin/playwright ] || [ ! -x $(E2E)/node_modules/.bin/wasm-opt ] \
	    || [ $(E2E)/package-lock.json -nt $(E2E)/node_modules/.package-lock.json ]; then \
	  cd $(E2E) && npm ci --no-audit --no-fund; fi

setup-browser:
	@command -v /usr/bin/chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# Varnish (Debian's) fronts the portal in the end-to-end tests and in `make proxy`.
setup-proxy:
	@command -v varnishd >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y varnish; }

## ---- build and run ----

# Two WASM modules (app/src/wasm_modules.rs). The editors' (`whole-app`: the whole app, every page
# and the in-place editor) is built first and set aside, since each cargo-leptos build empties
# target/site; its hash file goes beside the server binary as hash-editors.txt. Then the readers'
# module (islands) and the server. Both need --split: the album's viewer is a lazy island. The
# editors' module then goes to /pkg/editors (without its copy of the stylesheet, which the
# readers' build wrote too), and the assets are compressed once (brotli 11, gzip 9).
# RUST_BACKTRACE=0: a failure ends with cargo-leptos' own message, not a backtrace of itself.
LEPTOS_BUILD := RUST_BACKTRACE=0 RUST_LIB_BACKTRACE=0 cargo leptos build --release --split
build: setup-rust setup-node
	$(LEPTOS_BUILD) --frontend-only --lib-features whole-app
	rm -rf target/editors-pkg
	mv target/site/pkg target/editors-pkg
	mv target/release/hash.txt target/release/hash-editors.txt
	rm -f target/editors-pkg/*.css
	$(LEPTOS_BUILD)
	mv target/editors-pkg target/site/pkg/editors
	./target/release/server precompress target/site/pkg
	./target/release/server precompress target/site/pkg/editors

proxy: build setup-proxy
	proxy/run.sh

run: build
	DATA_DIR=$${DATA_DIR:-data} LEPTOS_SITE_ADDR=$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} ./target/release/server

## ---- tests ----

# The mail tests deliver to MailDev, from end2end's node_modules.
unit: setup-rust setup-node
	cargo test -p app --features ssr
	cargo test -p server

lint: setup-rust
	cargo fmt --all -- --check
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p app --features hydrate -- -D warnings
	cargo clippy -p app --features hydrate,whole-app -- -D warnings
	cargo clippy -p frontend -- -D warnings
	cargo clippy -p frontend --features whole-app -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings

e2e: build setup-browser setup-proxy
	cd $(E2E) && npx tsc --noEmit -p . && npx playwright test --repeat-each=2

test: unit lint e2e bench-seo

## ---- benchmarks ----

# Lighthouse comes from bench/'s committed lockfile; twiggy from crates.io.
setup-lighthouse: setup-node setup-browser
	@if [ ! -d bench/node_modules/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then \
	  cd bench && npm ci --no-audit --no-fund; fi

setup-bench: setup-lighthouse
	@command -v twiggy >/dev/null || cargo install twiggy --locked

bench-web: build setup-bench
	bench/web.sh

# Part of `make test`: Lighthouse's SEO score is no timing, so it is asserted.
bench-seo: build setup-lighthouse
	bench/seo.sh

# wrk comes from Debian.
setup-load:
	@command -v wrk >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; }

bench: build setup-load
	bench/load.sh

soak: build setup-load
	bench/soak.sh

bench-search: build
	bench/search.sh

clean:
	cargo clean
	rm -rf $(E2E)/node_modules $(E2E)/test-results bench/node_modules
