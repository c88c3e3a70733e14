#!/usr/bin/env bash
# `make test`: Rust tests, then a release build served on a throwaway SQLite
# database and exercised by Playwright (end2end/) in Debian's chromium.
# Extra arguments go to `playwright test` (e.g. a file name or --grep).
# SKIP_RUST_TESTS=1 skips the cargo tests, for quick e2e iterations.
# RUST_TEST_CMD replaces the Rust test command (SQLite); RUST_PG_TEST_CMD the
# second pass of the HTTP suite on PostgreSQL (empty to skip it), which runs
# when PostgreSQL answers at TALENTS_TEST_POSTGRES (an administrator URL).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

# Rust tests of the rules (app, ssr side) and of the server over HTTP. Not
# `--workspace`: that would build `app` with `ssr` and `hydrate` together.
RUST_TEST_CMD="${RUST_TEST_CMD:-cargo test -p app --features ssr --lib && cargo test -p server}"
# The same HTTP suite again, each test on a fresh PostgreSQL database of its own.
RUST_PG_TEST_CMD="${RUST_PG_TEST_CMD-cargo test -p server}"
PG_ADMIN_URL="${TALENTS_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"

bash scripts/bootstrap.sh
if [ "${SKIP_RUST_TESTS:-0}" != 1 ]; then
  echo "==> $RUST_TEST_CMD"
  # The first pass is SQLite's, whatever the caller's environment says.
  env -u TALENTS_TEST_POSTGRES bash -c "$RUST_TEST_CMD"
  if [ -z "$RUST_PG_TEST_CMD" ]; then
    echo "==> PostgreSQL pass skipped (RUST_PG_TEST_CMD is empty)"
  elif pg_isready -q -d "$PG_ADMIN_URL" 2>/dev/null \
    || psql "$PG_ADMIN_URL" -qAtc 'SELECT 1' >/dev/null 2>&1; then
    echo "==> TALENTS_TEST_POSTGRES=$PG_ADMIN_URL $RUST_PG_TEST_CMD"
    TALENTS_TEST_POSTGRES="$PG_ADMIN_URL" bash -c "$RUST_PG_TEST_CMD"
  else
    echo "==> NOTE: PostgreSQL does not answer at $PG_ADMIN_URL: the PostgreSQL pass of the Rust tests is SKIPPED (SQLite only)"
  fi
fi
echo "==> cargo leptos build --release"
cargo leptos build --release

ADDR="${LEPTOS_SITE_ADDR:-${TALENTS_ADDR:-127.0.0.1:3000}}"
# Two more instances over one PostgreSQL, for the live co-editing journey.
ADDR_A="${TALENTS_ADDR_A:-127.0.0.1:3101}"
ADDR_B="${TALENTS_ADDR_B:-127.0.0.1:3102}"
# Refuse to test whatever else already listens there (e.g. a `make run`).
for a in "$ADDR" "$ADDR_A" "$ADDR_B"; do
  if curl -s -o /dev/null --max-time 2 "http://$a/"; then
    echo "something already answers on $a; stop it or set TALENTS_ADDR (TALENTS_ADDR_A, TALENTS_ADDR_B)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
pids=()
pg_db=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_db" ]; then psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/outbox"
export LEPTOS_OUTPUT_NAME=talents LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_ENV=PROD
export TALENTS_DEMO=1 TALENTS_OUTBOX_DIR="$tmp/outbox"
# The journeys sign the same demo accounts in many times; the per-address
# limit on sign-in links is tested by the Rust tests.
export TALENTS_LINKS_PER_ADDRESS=1000

# start NAME ADDR DATABASE_URL: one instance of the release binary, ready
# (migrated, seeded, database reachable) within 60 s.
start() {
  local name=$1 addr=$2 url=$3
  echo "==> starting target/release/talents ($name) on $addr"
  LEPTOS_SITE_ADDR="$addr" TALENTS_ADDR="$addr" DATABASE_URL="$url" \
    target/release/talents >"$tmp/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 120); do
    curl -sf -o /dev/null --max-time 2 "http://$addr/readyz" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server $name exited early:" >&2; cat "$tmp/$name.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "server $name did not answer on $addr within 60 s:" >&2; tail -n 50 "$tmp/$name.log" >&2; exit 1
}

# play NAME BASE [SECOND_BASE] ARGS...: Playwright against running servers.
play() {
  local name=$1 base=$2 second=$3; shift 3
  echo "==> playwright test ($name) $*"
  local status=0
  (cd end2end && BASE_URL="$base" SECOND_BASE_URL="$second" npx --no playwright test "$@") || status=$?
  if [ "$status" -ne 0 ]; then
    echo "==> end-to-end tests failed ($name); last server log lines:" >&2
    for log in "$tmp"/*.log; do echo "--- $log" >&2; tail -n 30 "$log" >&2; done
  fi
  return "$status"
}

# 1. Every journey against one instance on SQLite (database and outbox in $tmp).
start sqlite "$ADDR" "sqlite://$tmp/talents.db?mode=rwc"
# The alerts journey runs `talents alerts run-now` on that database.
export TALENTS_E2E_DATABASE_URL="sqlite://$tmp/talents.db?mode=rwc" TALENTS_BIN="$REPO_ROOT/target/release/talents"
status=0
play "one instance, SQLite" "http://$ADDR" "" "$@" || status=$?

# 2. Live co-editing with the two people on two instances over one
#    PostgreSQL (a fresh database, dropped at the end), when one answers and
#    the whole suite was asked for.
if [ "$#" -eq 0 ] && [ "${SKIP_TWO_INSTANCES:-0}" != 1 ]; then
  if pg_isready -q -d "$PG_ADMIN_URL" 2>/dev/null \
    || psql "$PG_ADMIN_URL" -qAtc 'SELECT 1' >/dev/null 2>&1; then
    pg_db="talents_e2e_$$"
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
    pg_url="${PG_ADMIN_URL%/*}/$pg_db"
    # One after the other: the first migrates and seeds, the second finds it done.
    start pg-a "$ADDR_A" "$pg_url"
    start pg-b "$ADDR_B" "$pg_url"
    play "two instances, PostgreSQL" "http://$ADDR_A" "http://$ADDR_B" live.spec.ts || status=$?
  else
    echo "==> NOTE: PostgreSQL does not answer at $PG_ADMIN_URL: the two-instance journey is SKIPPED"
  fi
fi
exit "$status"
