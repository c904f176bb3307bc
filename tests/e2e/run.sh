#!/usr/bin/env bash
# Browser tests: builds the demo site and the example sites with the release build and
# runs the accessibility gate and end-to-end tests (node's test runner) in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
sites=()
build/release/generator/yhdessa build --quiet --source . --destination "$out/demo/public"
sites+=("$out/demo/public")
for ex in examples/*/; do
  [[ -f "$ex/site.yaml" ]] || continue
  name="$(basename "$ex")"
  build/release/generator/yhdessa build --quiet --source "$ex" --destination "$out/$name/public"
  sites+=("$out/$name/public")
done
export SITES="$(IFS=:; echo "${sites[*]}")"
export YHDESSA_BIN_DIR="$PWD/build/release"
mkdir -p tests/e2e/artifacts
node --test --test-concurrency=1 tests/e2e/*.test.mjs
