#!/usr/bin/env bash
# Server load on loopback, with Debian's wrk: `forms serve` (release build) validating and
# storing the benchmark form's valid submission, on SQLite and on PostgreSQL, beside a minimal
# axum JSON echo (forms-server/examples/echo.rs) as the machine's ceiling. Every run stops by
# itself after BENCH_LOAD_SECONDS. One JSON line a run goes to bench/results/load.jsonl and a
# table to stderr. The stored submissions are counted in the database afterwards: every 201
# answer must be there (and at most the requests in flight when a run stopped besides).
#   bench/load.sh                        # after .ci/tools.sh bench
#   BENCH_LOAD_SECONDS=5 bench/load.sh sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BENCH_LOAD_SECONDS:-10}
connections=${BENCH_LOAD_CONNECTIONS:-32}
# The paced run: 11 connections, each waiting 20 ms between requests, send at most 550 a second,
# which with a millisecond or two of latency each comes to about 500 a second.
paced_connections=11
paced_ms=20
backends=${*:-sqlite postgres}
port=${BENCH_LOAD_PORT:-8097}
say() { printf '==> %s\n' "$*" >&2; }

command -v wrk >/dev/null || { echo "load.sh: no wrk; run .ci/tools.sh bench" >&2; exit 2; }
cargo build --release -q -p forms-server --bin forms --example echo
forms=target/release/forms
echo_bin=target/release/examples/echo

work=$(mktemp -d /tmp/forms-load.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

form=bench-company-registration
printf '{"data":%s}' "$(cat bench/forms/examples/$form/valid.json)" >"$work/body.json"
mkdir -p bench/results
out=bench/results/load.jsonl
: >"$out"

rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# wait_ready URL [STATUS]: until URL answers STATUS (200) to a GET.
wait_ready() {
  local i
  for i in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" = "${2:-200}" ] && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; return 1; }
    sleep 0.1
  done
  echo "load.sh: $1 did not answer" >&2
  return 1
}

# run NAME BACKEND URL CONNECTIONS [PACE_MS]: one wrk run, its peak RSS sampled every 0.1 s.
run() {
  local name=$1 backend=$2 url=$3 conns=$4 pace=${5:-}
  say "$backend $name: $conns connections${pace:+, $pace ms between requests}, $seconds s"
  BENCH_BODY=$work/body.json BENCH_PACE_MS=$pace \
    wrk -t 1 -c "$conns" -d "${seconds}s" --timeout 5s -s bench/load/post.lua "$url" \
    >"$work/wrk.out" &
  local wrk_pid=$! peak=0 rss
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss=$(rss_kb "$server" VmRSS)
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.1
  done
  wait "$wrk_pid"
  tail -n 1 "$work/wrk.out" | jq -c --arg name "$name" --arg backend "$backend" \
    --argjson conns "$conns" --argjson idle "$idle" --argjson peak "$peak" \
    '{backend: $backend, run: $name, connections: $conns} + . + {rss_idle_kb: $idle, rss_peak_kb: $peak}' \
    | tee -a "$out" >/dev/null
}

start_forms() {
  local url=$1
  DATABASE_URL=$url FORMS_BIND=127.0.0.1:$port FORMS_DEFINITIONS_DIR=bench/forms \
    FORMS_RATE_LIMIT=1000000000 FORMS_TOKEN_SECRET=a-benchmark-secret-of-at-least-32-characters \
    "$forms" serve >"$work/server.log" 2>&1 &
  server=$!
  wait_ready "http://127.0.0.1:$port/readyz"
  sleep 1
  idle=$(rss_kb "$server" VmRSS)
}

stop_server() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

# The 201 answers of the submit runs of one backend, from the JSON lines.
created() { jq -s --arg b "$1" '[.[] | select(.backend == $b) | .statuses["201"] // 0] | add' "$out"; }

for backend in $backends; do
  case $backend in
    sqlite)
      url="sqlite://$work/forms.sqlite"
      count() { sqlite3 "$work/forms.sqlite" 'SELECT count(*) FROM submissions'; } ;;
    postgres)
      base=${FORMS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
      psql "$base" -qc 'DROP DATABASE IF EXISTS forms_bench' -c 'CREATE DATABASE forms_bench' >/dev/null
      url="${base%/*}/forms_bench"
      count() { psql "$url" -qAtc 'SELECT count(*) FROM submissions'; } ;;
    *) echo "load.sh: unknown backend $backend (sqlite or postgres)" >&2; exit 2 ;;
  esac
  start_forms "$url"
  api="http://127.0.0.1:$port/api/v1/forms/$form"
  run validate "$backend" "$api/validate" "$connections"
  run submit "$backend" "$api/submissions" "$connections"
  run submit-paced "$backend" "$api/submissions" "$paced_connections" "$paced_ms"
  stop_server
  # wrk stops counting at the end of a run with a request in flight on each connection: those
  # are stored too, unanswered. Every 201 must be in the database, and nothing else.
  stored=$(count) answered=$(created "$backend")
  if [ "$stored" -lt "$answered" ] || [ "$stored" -gt $((answered + 2 * connections + paced_connections)) ]; then
    echo "load.sh: $backend stored $stored submissions but answered 201 to $answered" >&2
    exit 1
  fi
  say "$backend: $stored submissions stored for $answered answers 201 (the rest in flight when wrk stopped)"
done

"$echo_bin" "127.0.0.1:$port" &
server=$!
wait_ready "http://127.0.0.1:$port/echo" 405
sleep 0.5
idle=$(rss_kb "$server" VmRSS)
run echo axum-echo "http://127.0.0.1:$port/echo" "$connections"
stop_server

jq -rs '
  ["backend", "run", "conns", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx", "socket err", "RSS idle MB", "RSS peak MB"],
  (.[] | [.backend, .run, .connections, (.per_s | round),
          .p50_ms, .p99_ms, .max_ms,
          ([.statuses | to_entries[] | select(.key | startswith("2") | not) | .value] | add // 0),
          .socket_errors, (.rss_idle_kb / 1024 * 10 | round / 10), (.rss_peak_kb / 1024 * 10 | round / 10)])
  | @tsv' "$out" | column -t -s $'\t' >&2
