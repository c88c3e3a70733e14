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
# Refuse to test whatever else already listens there (e.g. a `make run`).
if curl -s -o /dev/null --max-time 2 "http://$ADDR/"; then
  echo "something already answers on $ADDR; stop it or set TALENTS_ADDR" >&2
  exit 1
fi

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/outbox"
export LEPTOS_OUTPUT_NAME=talents LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="$ADDR" TALENTS_ADDR="$ADDR"
export DATABASE_URL="sqlite://$tmp/talents.db?mode=rwc"
export TALENTS_DEMO=1 TALENTS_OUTBOX_DIR="$tmp/outbox" TALENTS_FILES_DIR="$tmp/files"
# The journeys sign the same demo accounts in many times; the per-address
# limit on sign-in links is tested by the Rust tests.
export TALENTS_LINKS_PER_ADDRESS=1000
echo "==> starting target/release/talents on $ADDR (database and outbox in $tmp)"
target/release/talents >"$tmp/server.log" 2>&1 &
server_pid=$!

# Wait up to 60 s for the server to answer (migrations and seeding run first).
for _ in $(seq 120); do
  curl -s -o /dev/null --max-time 2 "http://$ADDR/" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "server exited early:" >&2; cat "$tmp/server.log" >&2; exit 1
  fi
  sleep 0.5
done
if ! curl -s -o /dev/null --max-time 2 "http://$ADDR/"; then
  echo "server did not answer on $ADDR within 60 s:" >&2; tail -n 50 "$tmp/server.log" >&2; exit 1
fi

echo "==> playwright test"
status=0
(cd end2end && BASE_URL="http://$ADDR" npx --no playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "==> end-to-end tests failed; last server log lines:" >&2
  tail -n 50 "$tmp/server.log" >&2
fi
exit "$status"
