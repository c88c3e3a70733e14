#!/usr/bin/env bash
# Installs whatever the build and the tests need and is not there yet.
# Idempotent: every step checks first, so a second run takes about a second.
# A new machine keeps nothing installed by hand, so this script is the only
# source of truth for the toolchain (make run / make test call it first).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

step() { printf '==> %s\n' "$*"; }
timed() { # timed LABEL CMD...: run CMD and report how long it took
  local label=$1 start=$SECONDS; shift
  step "$label"
  "$@"
  step "$label: done in $((SECONDS - start))s"
}
# The build tools are compiled without LTO, in parallel and lightly
# optimised: they only drive the build, and their upstream release profiles
# (LTO, one codegen unit) make a cold install take three times as long.
tool_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Rust target for the hydration bundle.
if rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  step "rust target wasm32-unknown-unknown: present"
else
  timed "rustup target add wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos, pinned. `no_downloads`: it must not fetch wasm-opt,
#    wasm-bindgen or sass from GitHub (no internet); it uses the ones on PATH.
have=$(cargo leptos --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$CARGO_LEPTOS_VERSION" ]; then
  step "cargo-leptos $have: present"
else
  timed "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (had: ${have:-none})" \
    tool_install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# 3. wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
#    No --locked: one of the dependencies pinned in its published lock file is
#    no longer on crates.io, so a locked install fails to resolve.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ]; then
  step "wasm-bindgen-cli $have: present"
else
  timed "cargo install wasm-bindgen-cli $want (had: ${have:-none})" \
    tool_install wasm-bindgen-cli --version "$want"
fi

# 4. npm packages: DSFR, binaryen (wasm-opt), Playwright + axe.
#    The stamp is node_modules/.package-lock.json, touched after each npm ci.
if [ -f node_modules/.package-lock.json ] && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "node_modules: up to date"
else
  timed "npm ci" npm ci --no-audit --no-fund
  touch node_modules/.package-lock.json
fi

# wasm-opt 123 from npm (JS/wasm build of binaryen, run by node). Debian's
# binaryen is version 108, whose output breaks Leptos hydration.
wasm_opt=$(command -v wasm-opt || true)
if ! wasm-opt --version 2>/dev/null | grep "version $WASM_OPT_VERSION\b" >/dev/null; then
  echo "wasm-opt on PATH ($wasm_opt) is not version $WASM_OPT_VERSION" >&2
  exit 1
fi
step "wasm-opt: $(wasm-opt --version) at $wasm_opt"

# 5. Debian chromium for Playwright (Playwright's own browser download would
#    need the internet).
if [ -x /usr/bin/chromium ]; then
  step "chromium: present"
else
  install_chromium() {
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  }
  timed "apt-get install chromium" install_chromium
fi

# 6. DSFR assets into public/dsfr (gitignored; cargo-leptos copies public/ to
#    target/site, so they are served under /dsfr/...). The dist layout is kept
#    as is: dsfr.min.css refers to fonts/ and icons/, and
#    utility/icons/icons.min.css refers to ../../icons/.
dist=node_modules/@gouvfr/dsfr/dist
dsfr_version=$(node -p 'require("./node_modules/@gouvfr/dsfr/package.json").version')
if [ "$(cat public/dsfr/.version 2>/dev/null || true)" = "$dsfr_version" ]; then
  step "public/dsfr: DSFR $dsfr_version present"
else
  step "copying DSFR $dsfr_version into public/dsfr"
  rm -rf public/dsfr
  mkdir -p public/dsfr/utility/icons
  cp "$dist"/dsfr.min.css "$dist"/dsfr.module.min.js "$dist"/dsfr.nomodule.min.js public/dsfr/
  cp "$dist"/utility/icons/icons.min.css public/dsfr/utility/icons/
  cp -r "$dist"/fonts "$dist"/icons "$dist"/favicon "$dist"/artwork public/dsfr/
  echo "$dsfr_version" > public/dsfr/.version
fi

step "bootstrap complete. For a shell with the same tools: . scripts/env.sh"
step "  (PATH gets $REPO_ROOT/node_modules/.bin and ${CARGO_HOME:-$HOME/.cargo}/bin)"
