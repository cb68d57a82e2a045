#!/usr/bin/env bash
# `make bench`: every benchmark of docs/PERFORMANCE.md in one run, each bounded in time. The
# tables go to stderr and the raw results to bench/results/ (one file a part):
#   validate.json   server-side validation throughput: ours natively beside ajv, Form.io and
#                   SurveyJS in Node, interleaved rounds (bench/peers/validate.mjs)
#   browser.json    bytes and start-up times in headless Chromium, cold and warm, medians of 5
#                   (bench/peers/browser.mjs): ours served by `forms serve`, the peers by serve.mjs
#   keystroke.txt   one evaluation of a generated 300-field form, natively and in Chromium
#   load.jsonl      `forms serve` under wrk on SQLite and PostgreSQL, and an axum echo (load.sh)
#   parity.txt      10,000 generated submissions per form, native and wasm32 digests (parity.sh)
# then the criterion benchmarks of forms-core (compile, evaluate).
#   bench/run.sh                 # all of it (about 15 minutes after the first build)
#   bench/run.sh validate browser keystroke load parity criterion   # some parts, in this order
set -euo pipefail
cd "$(dirname "$0")/.."
parts=${*:-validate browser keystroke load parity criterion}
say() { printf '\n==> %s\n' "$*" >&2; }
results=bench/results
mkdir -p "$results"

.ci/tools.sh bench
cargo build --release -q -p forms-server --bin forms --example throughput --example echo
forms=target/release/forms

work=$(mktemp -d /tmp/forms-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() {
  local i
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: $1 did not answer" >&2
  return 1
}

for part in $parts; do
  case $part in
    validate)
      say "validation throughput: ours natively beside the peers in Node $(node --version)"
      node bench/peers/validate.mjs --forms-bin "$forms" \
        --ours-cmd target/release/examples/throughput >"$results/validate.json"
      ;;
    browser)
      say "the browser: bytes and start-up times in headless Chromium"
      make -s web
      # Ours as a ministry runs it: `forms serve`, the app precompressed by `make web`.
      DATABASE_URL="sqlite://$work/browser.sqlite" FORMS_BIND=127.0.0.1:8091 \
        FORMS_DEFINITIONS_DIR=bench/forms FORMS_TOKEN_SECRET=a-benchmark-secret-of-at-least-32-characters \
        "$forms" serve >"$work/forms.log" 2>&1 &
      pids+=($!)
      node bench/peers/serve.mjs 8090 >"$work/serve.log" 2>&1 &
      pids+=($!)
      wait_for http://127.0.0.1:8091/readyz || { tail -n 5 "$work/forms.log" >&2; exit 1; }
      wait_for http://127.0.0.1:8090/peers/pages/formio.html
      node bench/peers/browser.mjs \
        'ours=http://127.0.0.1:8091/f/bench-company-registration?lang=en|html[data-ready]' \
        formio=http://127.0.0.1:8090/peers/pages/formio.html \
        survey=http://127.0.0.1:8090/peers/pages/survey.html >"$results/browser.json"
      for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
      pids=()
      ;;
    keystroke)
      say "a keystroke: one evaluation of a 300-field form, natively and in Chromium"
      # In Chromium with the app's own profile (wasm-release: opt-level z, LTO), without wasm-opt.
      {
        cargo test -q --release -p forms-core --test keystroke -- --nocapture 2>&1 | grep '^keystroke'
        CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 \
          CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
          cargo test --profile wasm-release -p forms-core --target wasm32-unknown-unknown --test keystroke \
          -- --nocapture 2>&1 | grep -o 'keystroke (wasm32.*'
      } | tee "$results/keystroke.txt" >&2
      [ "$(grep -c '^keystroke' "$results/keystroke.txt")" = 2 ] ||
        { echo "bench: the keystroke test did not report on both targets" >&2; exit 1; }
      ;;
    load)
      say "server load on loopback (wrk)"
      .ci/with-postgres.sh bench/load.sh
      ;;
    parity)
      say "parity of browser and server on 10,000 generated submissions per form"
      .ci/parity.sh 10000 | tee "$results/parity.txt" >&2
      ;;
    criterion)
      say "criterion: compile and evaluate in forms-core"
      cargo bench -p forms-core --bench evaluate
      ;;
    *) echo "bench: unknown part $part" >&2; exit 2 ;;
  esac
done
say "results in $results/; the tables of docs/PERFORMANCE.md in $results/tables.md"
node bench/report.mjs >"$results/tables.md"
