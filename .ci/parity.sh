#!/usr/bin/env bash
# Evaluates N generated submissions per bundled form natively and in wasm32 (under node) and
# compares the two digests of every evaluation (forms-core/tests/parity.rs). `make test` runs
# 500 per form against a reviewed digest; `make bench` runs this with 10,000.
#   .ci/parity.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
digest() {
  FORMS_PARITY_COUNT=$count "$@" -p forms-core --test parity -- --nocapture 2>&1 \
    | sed -n 's/.*parity digest ([a-z0-9]*, [0-9]* per form): \([0-9a-f]*\).*/\1/p' | head -n 1
}
native=$(digest cargo test)
wasm=$(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner digest cargo test --target wasm32-unknown-unknown)
echo "parity, $count submissions per form: native $native, wasm32 $wasm"
if [ -z "$native" ] || [ "$native" != "$wasm" ]; then
  echo "parity: the browser and the server disagree (or a digest is missing)" >&2
  exit 1
fi
