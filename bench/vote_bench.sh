#!/usr/bin/env bash
# Voting server benchmark: acknowledged durable ballots per second with wrk on loopback
# (64 connections, 30 s by default), p99 latency, the server's peak resident memory, and in
# the same run the raw SQLite ceiling (durable inserts/s, per transaction and batched 64).
# Usage: bench/vote_bench.sh [SECONDS] [CONNECTIONS]      (figures go to docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-64}"
threads=2
out=bench/out/vote
bin=build/release/voting-server/yhdessa-vote

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target yhdessa-vote -j 2 >/dev/null

rm -rf "$out" && mkdir -p "$out"
cp -r tests/voting-server/fixtures/site "$out/site"
# Enough fresh codes for the whole run at well above the target rate.
count=$((seconds * 15000))
"$bin" codes --db "$out/v.db" --round kouvola-test --area elimaki --count "$count" \
  --out "$out/codes.csv" 2>/dev/null

"$bin" serve --db "$out/v.db" --site "$out/site" --listen 127.0.0.1:0 >"$out/serve.out" \
  2>"$out/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q http:// "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
port="$(grep -o '[0-9]*$' "$out/serve.out")"

VOTE_CODES="$out/codes.csv" VOTE_THREADS=$threads wrk -t$threads -c"$connections" \
  -d"${seconds}s" --latency -s bench/vote_ballots.lua "http://127.0.0.1:$port" >"$out/wrk.txt"
rss_kb="$(awk '/VmHWM/ {print $2}' /proc/$server/status)"
kill -TERM $server
wait $server || true
trap - EXIT

vote_line="$(grep '^VOTE' "$out/wrk.txt")"
stored="$("$bin" status --db "$out/v.db" --format json | python3 -c \
  'import json,sys; print(sum(a["ballots"] for r in json.load(sys.stdin)["rounds"] for a in r["areas"]))')"
ceiling="$(python3 bench/vote_sqlite_ceiling.py "$out" 5)"

echo "command: bench/vote_bench.sh $seconds $connections"
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%d)"
echo "$vote_line"
echo "stored_ballots=$stored server_peak_rss_mb=$((rss_kb / 1024))"
echo "$ceiling"
