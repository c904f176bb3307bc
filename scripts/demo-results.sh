#!/usr/bin/env bash
# Reproduces the demo's results: data/results/omakouvola-2025/ from a generated ballot
# database, counted by the real `yhdessa-vote tally --db`.
#
# The closed example round omakouvola-2025 (content/omakouvola-2025/) never ran on a
# server, so its ballots are drawn here: a fixed-seed generator writes them into a
# database with the voting server's schema, with the round's rules frozen as the built
# site's manifest (what `serve` stores when a round opens). The ballots follow the round's
# rules (1-3 choices, within the area's budget); two voter blocs per area make greedy and
# the Method of Equal Shares differ. Same seed, same database, same result files.
# Usage: scripts/demo-results.sh   (needs build/release; run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
round=omakouvola-2025
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build/release/generator/yhdessa build --quiet --source . --destination "$work/public"
python3 - "$work/public/_yhdessa/rounds/$round.json" "$work/demo.db" <<'PY'
import json, random, sqlite3, sys

manifest_path, db_path = sys.argv[1], sys.argv[2]
manifest_text = open(manifest_path, encoding="utf-8").read()
round_ = json.loads(manifest_text)
rng = random.Random(2025)
alphabet = "23456789ABCDEFGHJKLMNPQRSTVWXYZ"

# Per area: (voters, the proposals they lean to). Each voter approves a random non-empty
# subset of their bloc's proposals that fits the rules, sometimes with one more.
blocs = {
    "alue-1": [(95, ["a1-ulkokuntosali", "a1-valaistus"]),
               (60, ["a1-penkit", "a1-kirjakaappi"]),
               (25, ["a1-valaistus", "a1-penkit"])],
    "alue-2": [(120, ["a2-leikkipaikka", "a2-koirapuisto"]),
               (85, ["a2-talviuinti", "a2-istutukset"])],
}

db = sqlite3.connect(db_path)
db.executescript("""
CREATE TABLE rounds (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, snapshot TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE codes (hash BLOB PRIMARY KEY, round TEXT NOT NULL, area TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))) WITHOUT ROWID;
CREATE TABLE ballots (receipt TEXT PRIMARY KEY, round TEXT NOT NULL, area TEXT NOT NULL,
  choices TEXT NOT NULL) WITHOUT ROWID;
""")
db.execute("INSERT INTO rounds VALUES (?, ?, ?)", (round_["id"], "demo", manifest_text))
receipts = set()
for area in round_["areas"]:
    costs = {p["id"]: p["cost"] for p in area["proposals"]}
    for count, lean in blocs[area["id"]]:
        for _ in range(count):
            while True:
                choice = [p for p in lean if rng.random() < 0.8]
                if rng.random() < 0.15:
                    choice.append(rng.choice(sorted(costs)))
                choice = sorted(set(choice))
                if 1 <= len(choice) <= round_["max_choices"] and \
                        sum(costs[p] for p in choice) <= area["budget"]:
                    break
            while True:
                raw = "".join(rng.choice(alphabet) for _ in range(16))
                receipt = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
                if receipt not in receipts:
                    receipts.add(receipt)
                    break
            db.execute("INSERT INTO ballots VALUES (?, ?, ?, ?)",
                       (receipt, round_["id"], area["id"], json.dumps(choice)))
db.commit()
db.close()
PY
rm -rf "data/results/$round"
build/release/voting-server/yhdessa-vote tally --db "$work/demo.db" --round "$round" \
  --out "data/results/$round"
