#!/usr/bin/env bash
# `make run`: build the release site and serve it at http://127.0.0.1:3000
# with demo data (the binary migrates and seeds the database itself when
# TALENTS_DEMO=1).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

bash scripts/bootstrap.sh
cargo leptos build --release

mkdir -p data
export LEPTOS_OUTPUT_NAME=talents LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_ENV=PROD
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-${TALENTS_ADDR:-127.0.0.1:3000}}"
export TALENTS_ADDR="$LEPTOS_SITE_ADDR"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/talents.db?mode=rwc}"
export TALENTS_DEMO="${TALENTS_DEMO:-1}"
echo "==> serving on http://$LEPTOS_SITE_ADDR (Ctrl-C to stop)"
exec target/release/talents
