#!/usr/bin/env bash
# Writes a brotli (quality 11) and a gzip (-9) copy beside each text or wasm file of the built
# app, which `forms serve` sends to the browsers that accept them (forms-server/src/http.rs).
# Old copies go first, so that none outlives its file.
#   .ci/precompress.sh forms-web/dist
set -euo pipefail
dist=${1:-forms-web/dist}
find "$dist" -type f \( -name '*.br' -o -name '*.gz' \) -delete
find "$dist" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.json' -o -name '*.svg' -o -name '*.ftl' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli -q 11 -f -k -o "$file.br" "$file"
    gzip -9 -n -k -f "$file"
  done
