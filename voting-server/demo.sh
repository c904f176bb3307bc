#!/usr/bin/env bash
# Starts yhdessa-vote on a built site with a fresh demo database and prints a handful of
# demo codes per area of every round the site publishes. For the README's first command:
#   voting-server/demo.sh [SITE_DIR=public] [HOST:PORT=127.0.0.1:8080] [BINARY]
# The database and its key go to var/demo-vote.db{,.key} and are recreated on each run.
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-public}"
listen="${2:-127.0.0.1:8080}"
bin="${3:-build/release/voting-server/yhdessa-vote}"
db=var/demo-vote.db
per_area=3

[[ -x "$bin" ]] || { echo "demo: $bin not built (scripts/build.sh release)" >&2; exit 1; }
[[ -d "$site/_yhdessa/rounds" ]] || {
  echo "demo: $site has no _yhdessa/rounds (build the demo site first)" >&2
  exit 1
}
mkdir -p var
rm -f "$db" "$db-wal" "$db-shm" "$db.key"

echo "Demo voting codes (one-time; each valid in its own area):"
python3 - "$site" <<'PY' | while read -r round area; do
import json, pathlib, sys
for f in sorted(pathlib.Path(sys.argv[1], "_yhdessa", "rounds").glob("*.json")):
    r = json.loads(f.read_text())
    for a in r["areas"]:
        print(r["id"], a["id"])
PY
  "$bin" codes --db "$db" --round "$round" --area "$area" --count "$per_area" 2>/dev/null |
    tail -n +2 | sed 's/,/  /g; s/^/  /'
done
echo
exec "$bin" serve --db "$db" --site "$site" --listen "$listen"
