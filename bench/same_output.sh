#!/usr/bin/env bash
# Checks that a performance change left the generator's output byte-identical: builds the
# demo site (the repository root) and the 1 000-page benchmark corpus with a reference
# binary and with the current one, and compares the outputs with `diff -r`.
#
# Usage: bench/same_output.sh REFERENCE_BINARY [BINARY] [--sizes "1000"]
#   REFERENCE_BINARY  a yhdessa built from the commit before the change, e.g.
#                     git worktree add /tmp/ref HEAD~1 && cmake -S /tmp/ref -B /tmp/ref/b \
#                       -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/ref/b --target yhdessa
#   BINARY            default build/release/generator/yhdessa
#   --sizes           corpus sizes to compare (default "1000"; generated as bench/site_bench.sh
#                     does, in bench/out/corpus-<N>/)
# Exit 0 when every output is identical, 1 with the diff otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

ref=""
new="$root/build/release/generator/yhdessa"
sizes="1000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) if [[ -z "$ref" ]]; then ref="$1"; else new="$1"; fi; shift ;;
  esac
done
[[ -x "$ref" ]] || { echo "same_output.sh: reference binary '$ref' missing (see --help)" >&2; exit 2; }
[[ -x "$new" ]] || { echo "same_output.sh: binary '$new' missing" >&2; exit 2; }

gen="${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}"
[[ -f "$gen" ]] || gen=/work/shared/bench/gen_corpus.py

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sites=("$root")
for n in $sizes; do
  dir="$root/bench/out/corpus-$n"
  if [[ ! -d "$dir/content" ]]; then
    python3 "$gen" --pages "$n" --out "$dir" >/dev/null
  fi
  rm -rf "$dir/themes" "$dir/site.yaml"
  cp -r bench/corpus-site/site.yaml bench/corpus-site/themes "$dir/"
  # With its feeds, sitemap and robots.txt (more output to compare), and readable by
  # binaries older than the generate_* keys.
  sed -i '/^generate_/d' "$dir/site.yaml"
  sites+=("$dir")
done

# With the build cache (the default) and without it: the two take different paths (the
# cache's records, fingerprints and stamps). Into a fresh destination both render plain
# pages right after their Markdown; the path that renders every body first (serve, warm
# builds) is compared by tests/generator/incremental_test.cpp.
status=0
for i in "${!sites[@]}"; do
  site="${sites[$i]}"
  for mode in cache no-cache; do
    flags=()
    [[ "$mode" == no-cache ]] && flags=(--no-cache)
    "$ref" build "${flags[@]}" --source "$site" --destination "$work/ref-$i-$mode" --quiet
    "$new" build "${flags[@]}" --source "$site" --destination "$work/new-$i-$mode" --quiet
    if diff -r "$work/ref-$i-$mode" "$work/new-$i-$mode" >"$work/diff-$i" 2>&1; then
      echo "same output ($mode): $site"
    else
      echo "DIFFERENT output ($mode): $site" >&2
      head -50 "$work/diff-$i" >&2
      status=1
    fi
  done
done
exit $status
