#!/usr/bin/env bash
# Command 1 of the README: installs what is missing, builds Yhdessä, generates the demo
# site from content/ into public/ and serves it on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release >/dev/null
build/release/generator/yhdessa build
exec build/release/generator/yhdessa serve --port "${PORT:-8080}"
