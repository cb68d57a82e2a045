#!/usr/bin/env bash
# Installs what the project needs on this machine, skipping whatever is already there at the
# right version, so a second run costs seconds. Everything lands outside the clone:
# ~/.cargo/bin (trunk, wasm-bindgen), $FORMS_TOOLS_DIR (wasm-opt), Debian packages.
#   .ci/tools.sh build   # what `make run` needs (brotli among it)
#   .ci/tools.sh test    # plus Chromium and the e2e node packages
#   .ci/tools.sh bench   # plus wrk, jq, sqlite3, chromedriver and bench/'s peer engines (npm)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
case $what in
  build | test | bench) ;;
  *) echo "usage: .ci/tools.sh [build|test|bench]" >&2; exit 2 ;;
esac
TOOLS_DIR=${FORMS_TOOLS_DIR:-$HOME/.cache/forms-tools}
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

say() { printf '==> %s\n' "$*"; }

apt_install() {
  # apt fails with "rename failed" when another apt runs at the same moment: wait and retry.
  local i
  for i in 1 2 3 4 5; do
    if { [ -n "${APT_UPDATED:-}" ] || apt-get update -qq; } && APT_UPDATED=1 \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; then
      return 0
    fi
    say "apt-get failed (try $i), retrying in 10 s"; sleep 10
  done
  return 1
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must equal the wasm-bindgen library in Cargo.lock, exactly.
bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
[ -n "$bindgen" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen" ]; then
  say "installing wasm-bindgen-cli $bindgen (about 4 minutes, once)"
  # Not --locked: its lock file names a webpki-roots version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$bindgen" --force
fi

if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (binaryen@$BINARYEN_VERSION from npm) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

# brotli precompresses the built app (.ci/precompress.sh) and measures the wasm's size.
if ! command -v brotli >/dev/null; then
  say "installing brotli from Debian"
  apt_install brotli
fi

[ "$what" != build ] || exit 0

missing=()
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  apt_install "${missing[@]}"
fi

# The e2e runner; Playwright uses Debian's Chromium, never a downloaded browser.
lock=tests/e2e/package-lock.json
stamp=tests/e2e/node_modules/.installed-lock
if ! cmp -s "$lock" "$stamp" 2>/dev/null; then
  say "installing the e2e node packages"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  cp "$lock" "$stamp"
fi

[ "$what" = bench ] || exit 0

missing=()
for tool in wrk jq sqlite3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
# The keystroke benchmark runs forms-core's wasm in Chromium through wasm-bindgen-test-runner.
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  apt_install "${missing[@]}"
fi

# The peer form engines that bench/ compares ours with, pinned by bench/package-lock.json.
lock=bench/package-lock.json
stamp=bench/node_modules/.installed-lock
if ! cmp -s "$lock" "$stamp" 2>/dev/null; then
  say "installing the peer engines of bench/"
  (cd bench && npm ci --no-audit --no-fund)
  cp "$lock" "$stamp"
fi
