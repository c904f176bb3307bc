#!/usr/bin/env bash
# Times `yhdessa-tally` (file parsing included) on every Pabulib instance with every rule.
# Prints a Markdown table: median wall time over BENCH_RUNS runs (default 5, after one
# warm-up) and mean user CPU time, both from hyperfine. Runs slower than BENCH_SLOW seconds
# (default 20) are timed once (with /usr/bin/time). Without hyperfine, /usr/bin/time is used
# for all of them. Ordinal instances are listed as refused.
#
#   bench/tally_bench.sh [PABULIB_DIR]        (default: ../shared/pabulib)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/pabulib}"
runs="${BENCH_RUNS:-5}"
slow="${BENCH_SLOW:-20}"
[[ -d build/release ]] || cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target yhdessa-tally -j2 >/dev/null
bin=build/release/voting-server/tally/yhdessa-tally
out=bench/out
mkdir -p "$out"

echo "| instance | voters | projects | rule | median wall (s) | user CPU (s) | runs |"
echo "|---|---:|---:|---|---:|---:|---:|"
for f in "$dir"/*.pb; do
  name="$(basename "$f" .pb)"
  voters="$(awk '/^num_votes;/{split($0,a,";"); print a[2]; exit}' "$f" | tr -d '\r')"
  projects="$(awk '/^num_projects;/{split($0,a,";"); print a[2]; exit}' "$f" | tr -d '\r')"
  for rule in greedy mes mes-add1; do
    cmd="$bin --pabulib $f --rule $rule"
    if ! "$bin" --pabulib "$f" --rule greedy >/dev/null 2>&1; then
      echo "| $name | $voters | $projects | $rule | refused (ordinal) | | |"
      continue
    fi
    # One timed run first; a slow one is reported as is rather than repeated.
    /usr/bin/time -o "$out/once.txt" -f "%e %U" $cmd >/dev/null 2>&1
    read -r once once_user <"$out/once.txt"
    if (( $(echo "$once > $slow" | bc) )); then
      echo "| $name | $voters | $projects | $rule | $once | $once_user | 1 |"
      continue
    fi
    if command -v hyperfine >/dev/null; then
      hyperfine -N --warmup 1 --runs "$runs" --export-csv "$out/tally.csv" --style none "$cmd" \
        >/dev/null 2>&1
      read -r median user < <(awk -F, 'NR==2{printf "%.3f %.3f\n", $4, $5}' "$out/tally.csv")
    else
      # Without hyperfine: the same figures from /usr/bin/time (the first run is the warm-up).
      : >"$out/times.txt"
      for ((i = 0; i < runs; ++i)); do
        /usr/bin/time -a -o "$out/times.txt" -f "%e %U" $cmd >/dev/null 2>&1
      done
      read -r median user < <(sort -n "$out/times.txt" | awk '{w[NR] = $1; u += $2}
        END {printf "%.3f %.3f\n", (NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2), u / NR}')
    fi
    echo "| $name | $voters | $projects | $rule | $median | $user | $runs |"
  done
done
