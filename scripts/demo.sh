#!/usr/bin/env bash
# Command 1 of the README: installs what is missing, builds Yhdessä, generates the demo
# site from content/ into public/, issues a few demo voting codes for the open demo round
# and serves site and voting API together on http://127.0.0.1:8080/ (embedded SQLite in
# var/demo.db; Ctrl+C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
scripts/install-deps.sh
scripts/build.sh release >/dev/null
build/release/generator/yhdessa build --base-url "http://127.0.0.1:$port/"
mkdir -p var
vote=build/release/voting-server/yhdessa-vote
echo
echo "Demo voting codes (each votes once, in its own area):"
for area in alue-1 alue-2; do
  "$vote" codes --db var/demo.db --round omakouvola-2026 --area "$area" --count 3 --out "var/codes-$area.csv" >/dev/null 2>&1
  tail -n +2 "var/codes-$area.csv" | sed 's/^/  /'
done
"$vote" codes --db var/demo.db --round nuorten-omakouvola-2026 --area koko-kouvola --count 2 \
  --out var/codes-nuoret.csv >/dev/null 2>&1 && tail -n +2 var/codes-nuoret.csv | sed 's/^/  /' || true
echo
echo "Open http://127.0.0.1:$port/omakouvola/ to vote."
exec "$vote" serve --db var/demo.db --site public --listen "127.0.0.1:$port"
