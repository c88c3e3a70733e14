# shellcheck shell=bash
# Sourced by the other scripts (and usable by hand: `. scripts/env.sh`).
# Sets REPO_ROOT and puts the project's tools first on PATH.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# node_modules/.bin comes first on purpose: cargo-leptos (built with
# `no_downloads`) runs the first `wasm-opt` found on PATH, and it must be
# binaryen 123 from npm. Debian's binaryen (108) produces a wasm that breaks
# hydration, so it must never win if it happens to be installed.
export PATH="$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Never let Playwright (npm ci, npx) fetch its own browsers: there is no
# internet here; tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Pinned tool versions, checked by bootstrap.sh.
export CARGO_LEPTOS_VERSION=0.3.9
export WASM_OPT_VERSION=123
