#!/usr/bin/env bash
# Two yhdessa binaries against each other on a full build, interleaved: the steadier way
# to see a CPU change on a shared machine than two separate benchmark runs.
#
# Each round runs A then B, `build --no-cache --source CORPUS --destination FRESH --quiet`
# under /usr/bin/time, each into a fresh folder under --dest-root (deleted right after:
# the default is tmpfs, where deleting costs nothing later, see docs/benchmarks.md "File
# system"). With --first, each run is the default build (the cache on) after the corpus's
# .yhdessa-cache/ is deleted: a first build, as every CI job on a clean clone runs it,
# which also writes the build cache. Round 0 is an untimed warm-up. Prints, per binary,
# the medians of wall, user+sys, user and sys seconds, peak RSS and minor page faults; the
# raw figures go to bench/out/ab_build.tsv.
#
# Usage: bench/ab_build.sh BINARY_A BINARY_B [--runs 7] [--first] [--corpus DIR] [--dest-root DIR]
#   BINARY_A/B  e.g. a copy of main's build/release/generator/yhdessa, and this branch's
#   --runs      timed rounds (default 7)
#   --first     first builds with the cache instead of --no-cache builds
#   --corpus    default bench/out/corpus-10000 (made by bench/site_bench.sh)
#   --dest-root default /dev/shm/yh-ab
set -euo pipefail
cd "$(dirname "$0")/.."
a="" b="" runs=7 first=0 corpus="$PWD/bench/out/corpus-10000" dest=/dev/shm/yh-ab
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --first) first=1; shift ;;
    --corpus) corpus="$2"; shift 2 ;;
    --dest-root) dest="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) if [[ -z "$a" ]]; then a="$1"; else b="$1"; fi; shift ;;
  esac
done
[[ -x "$a" && -x "$b" ]] || { echo "ab_build.sh: two binaries needed (see --help)" >&2; exit 2; }
[[ -d "$corpus/content" ]] || { echo "ab_build.sh: no corpus at $corpus" >&2; exit 2; }
mkdir -p bench/out "$dest"
raw=bench/out/ab_build.tsv
: >"$raw"
timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT
for round in $(seq 0 "$runs"); do
  for which in A B; do
    bin="$a"; [[ "$which" == B ]] && bin="$b"
    out="$dest/$which-$round"
    cache=(--no-cache)
    if [[ "$first" == 1 ]]; then cache=(); rm -rf "$corpus/.yhdessa-cache"; fi
    /usr/bin/time -f "%e %U %S %M %R" -o "$timing" \
      "$bin" build "${cache[@]}" --source "$corpus" --destination "$out" --quiet
    rm -rf "$out"
    [[ "$round" -gt 0 ]] && echo "$which $(cat "$timing")" >>"$raw"
  done
done
rmdir "$dest" 2>/dev/null || true
if [[ "$first" == 1 ]]; then rm -rf "$corpus/.yhdessa-cache"; fi
python3 - "$raw" "$a" "$b" <<'PY'
import statistics as st, sys
rows = {}
for line in open(sys.argv[1]):
    w, e, u, s, m, f = line.split()
    rows.setdefault(w, []).append((float(e), float(u), float(s), int(m), int(f)))
print("| binary | runs | wall (s) | user+sys (s) | user (s) | sys (s) | peak RSS (MiB) | minor faults |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for w, name in (("A", sys.argv[2]), ("B", sys.argv[3])):
    v = rows[w]
    med = lambda k: st.median(k(x) for x in v)
    print(f"| {w}: {name} | {len(v)} | {med(lambda x: x[0]):.2f} | {med(lambda x: x[1] + x[2]):.2f} "
          f"| {med(lambda x: x[1]):.2f} | {med(lambda x: x[2]):.2f} | {med(lambda x: x[3]) / 1024:.0f} "
          f"| {med(lambda x: x[4]):.0f} |")
PY
