#!/usr/bin/env bash
# A warm build with one page body edited (incremental_bench.sh's "edit" case), this
# build against an anchor binary (e.g. main's) in one run, interleaved, so both see the
# same load. Each binary works on its own copy of the N-page corpus with its own warm
# cache (bench/out/anchor-a-<N>/, bench/out/anchor-b-<N>/; cache formats may differ).
# Before each timed build one line is appended to the same page of that copy. Prints
# each run and the medians of wall and user + sys (/usr/bin/time, process start
# included) and their ratio.
#
# Usage: bench/edit_anchor.sh ANCHOR_BINARY [BINARY] [--size 10000] [--runs 7] [--no-build]
#   BINARY  default build/release/generator/yhdessa
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
size=10000
runs=7
build=1
anchor=""
new=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) if [[ -z "$anchor" ]]; then anchor="$1"; else new="$1"; fi; shift ;;
  esac
done
[[ -x "$anchor" ]] || { echo "edit_anchor.sh: anchor binary '$anchor' missing (see --help)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "edit_anchor.sh: needs /usr/bin/time (Debian: time)" >&2; exit 2; }

# shellcheck source=bench/edit_site.sh
source bench/edit_site.sh anchor-a
site_a="$site"
build=0
# shellcheck source=bench/edit_site.sh
source bench/edit_site.sh anchor-b
site_b="$site"
new="${new:-$yhdessa}"
tfile="$out/anchor-time.txt"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# Warm each copy: a first build writes the cache; files copied less than 2 s before they
# are read are not indexed (see SourceIndex), so a second build after that indexes them.
for pair in "$anchor $site_a" "$new $site_b"; do
  read -r bin dir <<<"$pair"
  "$bin" build --source "$dir" --quiet
done
sleep 3
for pair in "$anchor $site_a" "$new $site_b"; do
  read -r bin dir <<<"$pair"
  "$bin" build --source "$dir" --quiet
done
sleep 3

timed() {  # timed BINARY SITE RUN: prints "wall cpu"
  printf '\nMuokattu %s.\n' "$3" >>"$2/$page"
  sync
  /usr/bin/time -f '%e %U %S' -o "$tfile" "$1" build --source "$2" --quiet
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$tfile"
}
wa="" ca="" wb="" cb=""
for r in $(seq 1 "$runs"); do
  read -r w c < <(timed "$anchor" "$site_a" "$r")
  wa+="$w"$'\n'; ca+="$c"$'\n'
  echo "run $r: anchor $w s wall, $c s CPU" >&2
  read -r w c < <(timed "$new" "$site_b" "$r")
  wb+="$w"$'\n'; cb+="$c"$'\n'
  echo "run $r: this   $w s wall, $c s CPU" >&2
done
ma="$(printf '%s' "$wa" | median)"
mb="$(printf '%s' "$wb" | median)"
echo
echo "Warm build, one body edited, $size pages, medians of $runs interleaved runs ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  anchor $anchor: wall $ma s, CPU $(printf '%s' "$ca" | median) s"
echo "  this   $new: wall $mb s, CPU $(printf '%s' "$cb" | median) s"
echo "  ratio (this / anchor, wall): $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", b / a}')"
