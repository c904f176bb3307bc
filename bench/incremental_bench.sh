#!/usr/bin/env bash
# Incremental-build benchmark (issue 8): the build cache on the N-page corpus.
#
# Works on a copy of bench/out/corpus-<N>/ (generate it first with
#   bench/site_bench.sh --sizes N --runs 1 --tools yhdessa
# or let this script run gen_corpus.py) in bench/out/incr-<N>/, so the edits never touch
# the corpus the other benchmark measures. Measures, with /usr/bin/time (process start
# included), --runs times each, and prints the medians:
#   cold      no .yhdessa-cache, fresh output folder: everything rendered and written
#   warm      nothing changed since the previous build: every page reused
#   edit      one page's last paragraph edited (a body edit): that page rendered, the
#             rest reused, public/ updated in place
#   title     the same page's title edited: the page and the jobs that read it (its
#             section's and terms' list pages, the feed, the sitemap) rendered
#   weight    the same page given a weight: it moves to the front of its section's and
#             terms' lists; those lists and the jobs that read them rendered
#   term      a tag no page has yet added to the same page: the page, the taxonomy's
#             list and the new term's page rendered (before 764083e, every page)
#   unterm    that tag removed again: the term's page goes, the taxonomy's list rendered
#   alias     an alias (an old address) added to the same page: its redirect and the
#             jobs that read the page rendered (before session 24, every page and body)
#   unalias   that alias removed again: its redirect goes
#   new       a new page next to the edited one (a copy of it under another name): the
#             page, and the jobs that read its section, its terms or every page (lists,
#             feed, sitemap) rendered; the pages after it in the model have new numbers
#   delete    that page deleted again: likewise
#   template  a comment added to the page template: every page rendered again (their
#             bodies from the files since the log holds no HTML, see BuildCache::set_keep_html)
#   full      --no-cache over the existing public/: everything rendered, built beside it
#             and swapped in (what `yhdessa build` did before the cache was the default)
# and the pages rendered per case, from --verbose. `serve` (save -> page on disk) is
# measured by bench/serve_bench.sh.
#
# Usage: [YHDESSA=BINARY] bench/incremental_bench.sh [--size 10000] [--runs 5] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
size=10000
runs=5
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "incremental_bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "incremental_bench.sh: needs /usr/bin/time (Debian: time)" >&2; exit 2; }

# shellcheck source=bench/edit_site.sh
source bench/edit_site.sh incr
tfile="$out/incr-time.txt"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# run [OPTIONS]: one timed build into $site/public (the cache is on by default); prints
# "wall user sys maxrss_kb rendered".
run() {
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$tfile" "$yhdessa" build --source "$site" --verbose "$@" >"$out/incr.log" 2>&1 ||
    { cat "$out/incr.log" >&2; exit 1; }
  local rendered
  rendered="$(sed -n 's/.*rendered \([0-9]*\) of \([0-9]*\) pages.*/\1\/\2/p' "$out/incr.log")"
  echo "$(tail -1 "$tfile") $rendered"
}

edit() {  # a body edit: a new last paragraph
  printf '\nMuokattu %s.\n' "$1" >>"$site/$page"
}
retitle() {  # a title edit
  sed -i "0,/^title:.*/s//title: \"Muokattu otsikko $1\"/" "$site/$page"
}
reweigh() {  # a weight edit: a new weight (or the first one) after the title
  sed -i "/^weight:/d; 0,/^title:.*/s//&\nweight: $1/" "$site/$page"
}
realias() {  # an alias after the title, or none (no argument)
  sed -i '/^aliases:/d' "$site/$page"
  if [[ $# -gt 0 ]]; then sed -i "0,/^title:.*/s//&\naliases: [\"\/vanha-osoite-$1\/\"]/" "$site/$page"; fi
}
newterm() {  # a tag no page has, first in the page's tags
  sed -i "0,/^tags:\$/s//tags:\n  - \"uusi-termi-$1\"/" "$site/$page"
}

declare -A walls users syss rss rendered
for case in cold warm edit title weight term unterm alias unalias new delete template full; do walls[$case]=""; users[$case]=""; syss[$case]=""; rss[$case]=""; done
"$yhdessa" build --source "$site" --quiet  # warm-up: page cache, first public/
record() {  # record CASE [OPTIONS]: one run of that case
  local w u s m n c="$1"
  shift
  read -r w u s m n < <(run "$@")
  walls[$c]+="$w"$'\n'; users[$c]+="$u"$'\n'; syss[$c]+="$s"$'\n'; rss[$c]+="$m"$'\n'
  rendered[$c]="$n"
}
for r in $(seq 1 "$runs"); do
  echo "run $r of $runs" >&2
  # cold: no cache; the old output is moved aside, not deleted (see site_bench.sh on
  # inode reuse), and deleted at the end.
  rm -rf "$site/.yhdessa-cache"
  mv "$site/public" "$out/incr-trash-$$-$r"
  record cold
  record warm
  edit "$r"
  record edit
  retitle "$r"
  record title
  reweigh "$r"
  record weight
  newterm "$r"
  record term
  sed -i '/^  - "uusi-termi-/d' "$site/$page"
  record unterm
  realias "$r"
  record alias
  realias
  record unalias
  cp "$site/$page" "$site/${page%.md}-uusi.md"
  record new
  rm "$site/${page%.md}-uusi.md"
  record delete
  tpl="$site/themes/bench/templates/page.mustache"
  cp "$tpl" "$out/incr-page-template"
  printf '<!-- %s -->\n' "$r" >>"$tpl"
  record template
  cp "$out/incr-page-template" "$tpl"  # as it was: the full build below renders it again
  record full --no-cache
done
rm -rf "$out"/incr-trash-$$-*

echo
echo "Incremental builds, $size pages, medians of $runs runs ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo
echo "| case | wall (s) | user (s) | sys (s) | peak RSS (MiB) | pages rendered |"
echo "|---|---:|---:|---:|---:|---:|"
for case in cold warm edit title weight term unterm alias unalias new delete template full; do
  echo "| $case | $(printf '%s' "${walls[$case]}" | median) | $(printf '%s' "${users[$case]}" | median)" \
    "| $(printf '%s' "${syss[$case]}" | median)" \
    "| $(printf '%s' "${rss[$case]}" | median | awk '{printf "%.0f", $1 / 1024}') | ${rendered[$case]} |"
done
