#!/usr/bin/env bash
# Configures and builds one variant into build/<variant>: release (default) or asan.
set -euo pipefail
cd "$(dirname "$0")/.."
variant="${1:-release}"
jobs="$(nproc)"
case "$variant" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DYHDESSA_SANITIZE=ON) ;;
  *) echo "usage: scripts/build.sh [release|asan]" >&2; exit 2 ;;
esac
[[ "${CI:-}" == "true" || "${YHDESSA_WERROR:-}" == "1" ]] && flags+=(-DYHDESSA_WERROR=ON)
cmake -S . -B "build/$variant" "${flags[@]}" >/dev/null
cmake --build "build/$variant" -j "$jobs"
