#!/usr/bin/env bash
# Runs every test: unit and integration tests under ASan+UBSan, then the same suite on the
# release build, then the browser tests. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
export YHDESSA_WERROR=1
scripts/build.sh asan
scripts/build.sh release
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== unit + integration tests (ASan+UBSan) =="
ctest --test-dir build/asan --output-on-failure -j 2
echo "== unit + integration tests (release) =="
ctest --test-dir build/release --output-on-failure -j 2
if [[ -x tests/e2e/run.sh ]]; then
  echo "== browser tests =="
  tests/e2e/run.sh
fi
