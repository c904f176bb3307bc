#!/usr/bin/env bash
# Static-site generator benchmark: `yhdessa build` against Hugo and against a floor.
#
# For each corpus size it generates (or reuses) a corpus with ../shared/bench/gen_corpus.py
# in bench/out/corpus-<N>/ (Hugo's layout: config.toml, layouts/, content/, static/), copies
# bench/corpus-site/ (site.yaml and themes/bench) next to it so that the same folder is both
# a Hugo site and a yhdessa site, and then measures, in the same run and interleaved:
#   yhdessa  build/release/generator/yhdessa build --no-cache --source DIR --destination OUT --quiet
#   yhdessa-first  the same without --no-cache, the cache folder deleted before each run: a
#            first build (CI on a clean clone), which also writes the build cache
#            (full builds: incremental ones are bench/incremental_bench.sh's)
#   hugo     hugo -s DIR -d OUT --quiet
#   floor    bench/out/floor DIR/content OUT, built from bench/floor/floor.cpp (read,
#            libyaml, cmark-gfm, write; 1 thread)
# Every run writes into its own fresh output folder (public-<N>-<tool>-<run>); on a disk
# nothing is deleted while measuring: the folders are moved aside (a rename) and deleted
# when all runs are done (on tmpfs each is deleted right after its run, untimed). Why: on
# an ext4 without a journal (this machine's disk) the kernel will not reuse an inode
# deleted less than 60 s ago (360 s while its inode table block is dirty: a
# later run's new files in the same block keep it dirty), and skipping over thousands of
# them makes every file creation slow (see docs/benchmarks.md). Deleting the previous
# run's output right before a run made the runs slower and slower (floor: 4 s -> 13 s),
# and deleting a 50 000-page output takes minutes on this disk.
# One untimed warm-up run per tool and size fills the page cache; then --runs timed rounds.
# Each run is measured with /usr/bin/time: wall, user+sys CPU, peak RSS. The script prints
# a Markdown table of the medians and the ratios yhdessa/hugo (wall, CPU and its user and
# kernel parts, memory) and yhdessa/floor, and the median of the rounds' own yhdessa/hugo
# ratios; the raw figures go to bench/out/results.tsv.
#
# Usage: bench/site_bench.sh [--sizes "1000 10000"] [--runs 5] [--tools ...] [--dest-root DIR]
#                            [--no-build]
#   --sizes  corpus sizes in pages (default "1000 10000"; 50000 works but Hugo then needs
#            minutes and about 10 GiB per run)
#   --runs   timed runs per tool and size (default 5)
#   --tools  which of "yhdessa yhdessa-first hugo floor" to run (default all four; a ratio
#            needs both of its tools)
#   --dest-root DIR  where the output folders go (default bench/out, on the same disk as
#            the sources); /dev/shm/... (tmpfs) takes the file system's cost out
#   --no-build  use build/release/generator/yhdessa as it is
#   --full   both sites also write feeds and sitemaps: Hugo with the corpus's
#            config-full.toml (RSS for every list page, sitemap.xml, robots.txt), yhdessa
#            with generate_feeds/generate_sitemap/generate_robots_txt left on (an Atom feed
#            per dated section, sitemap.xml, robots.txt). By default both write HTML pages
#            only, as the corpus's config.toml has it (disableKinds RSS, sitemap, robotsTXT).
# Installs hugo and time (Debian packages) when missing; needs python3, g++, libyaml and
# cmark-gfm (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
command_line="bench/site_bench.sh $*"

sizes="1000 10000"
runs=5
tools="yhdessa yhdessa-first hugo floor"
dest_root=""
build=1
full=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --dest-root) dest_root="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --full) full=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "site_bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

gen="${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}"
[[ -f "$gen" ]] || gen=/work/shared/bench/gen_corpus.py
[[ -f "$gen" ]] || { echo "site_bench.sh: gen_corpus.py not found (set GEN_CORPUS)" >&2; exit 2; }

apt_install() {
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get install -y "$@" >/dev/null
}
command -v hugo >/dev/null || apt_install hugo
[[ -x /usr/bin/time ]] || apt_install time

out="$root/bench/out"
mkdir -p "$out"
dest_root="${dest_root:-$out}"
mkdir -p "$dest_root"

# The release binary (only the yhdessa target: the machine is shared, -j2 at most).
yhdessa="$root/build/release/generator/yhdessa"
if [[ "$build" -eq 1 ]]; then
  if [[ -f build/release/CMakeCache.txt ]]; then
    cmake --build build/release --target yhdessa -j2 >/dev/null
  else
    cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build/release --target yhdessa -j2 >/dev/null
  fi
fi
[[ -x "$yhdessa" ]] || { echo "site_bench.sh: $yhdessa missing (scripts/build.sh release)" >&2; exit 2; }

floor="$out/floor"
# The floor gets the allocator the yhdessa program is linked with (mimalloc, see
# generator/CMakeLists.txt), so that the ratio compares work, not allocators.
floor_alloc=()
ldd "$yhdessa" | grep -q libmimalloc && floor_alloc=(-lmimalloc)
g++ -std=c++17 -O2 -Wall -Wextra -o "$floor" bench/floor/floor.cpp \
  -lyaml -lcmark-gfm-extensions -lcmark-gfm "${floor_alloc[@]+"${floor_alloc[@]}"}"

on_tmpfs=0
[[ "$(stat -f -c %T "$dest_root")" == tmpfs ]] && on_tmpfs=1
# A disk run right after another run's deletions would pay for them (see above): wait.
if [[ "$on_tmpfs" -eq 0 && -f "$out/.last-delete" ]]; then
  wait_s=$(($(cat "$out/.last-delete") + 400 - $(date +%s)))
  if ((wait_s > 0)); then
    echo "waiting ${wait_s} s: the last run's deleted files are still 'recent' to ext4" >&2
    sleep "$wait_s"
  fi
fi
trash="$dest_root/trash-$$"  # output folders of finished sizes, deleted at the end
gen_sum="$(sha256sum "$gen" | cut -c1-16)"
results="$out/results.tsv"
echo "# $(date -u +%FT%TZ) sizes=$sizes runs=$runs dest_root=$dest_root full=$full" >"$out/results.meta"
printf 'pages\ttool\trun\twall_s\tuser_s\tsys_s\tcpu_s\trss_kib\tload1\n' >"$results"

# measure TOOL SIZE RUN DIR: one run into a fresh output folder; appends to $results
# (RUN 0 is the warm-up and is not recorded).
measure() {
  local tool="$1" n="$2" run="$3" dir="$4"
  local dest="$dest_root/public-$n-$tool-$run" tfile="$out/time.txt"
  rm -rf "$dest"
  # Earlier runs' dirty pages are written back now, not during this run.
  sync
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  local cmd
  case "$tool" in
    yhdessa) cmd=("$yhdessa" build --no-cache --source "$dir" --destination "$dest" --quiet) ;;
    yhdessa-first)
      rm -rf "$dir/.yhdessa-cache"  # three files: no burden on the next runs (see above)
      cmd=("$yhdessa" build --source "$dir" --destination "$dest" --quiet) ;;
    hugo)
      cmd=(hugo -s "$dir" -d "$dest" --quiet)
      if [[ "$full" -eq 1 ]]; then cmd+=(--config "$dir/config.toml,$dir/config-full.toml"); fi ;;
    floor) cmd=("$floor" "$dir/content" "$dest") ;;
  esac
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tfile" "${cmd[@]}" >"$out/$tool.log" 2>&1; then
    echo "site_bench.sh: $tool failed on $n pages:" >&2
    cat "$out/$tool.log" >&2
    exit 1
  fi
  if [[ "$run" -gt 0 ]]; then
    read -r wall user sys rss < <(tail -1 "$tfile")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$wall" "$user" "$sys" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')" "$rss" "$load" >>"$results"
  fi
  # On tmpfs the output is memory: Hugo's 2.5 GB per run at 10 000 pages, kept for all
  # runs, filled most of this 24 GiB machine and slowed every later run (of all tools)
  # by 10-25 %. Deleting costs nothing later there, unlike on the disk (see above).
  [[ "$on_tmpfs" -eq 1 ]] && rm -rf "$dest"
  return 0
}

for n in $sizes; do
  dir="$out/corpus-$n"
  if [[ "$(cat "$dir/.gen" 2>/dev/null)" != "$gen_sum" ]]; then
    echo "generating the $n-page corpus in $dir ..." >&2
    python3 "$gen" --pages "$n" --out "$dir" >/dev/null
    echo "$gen_sum" >"$dir/.gen"
  fi
  rm -rf "$dir/themes" "$dir/site.yaml"
  cp -r bench/corpus-site/site.yaml bench/corpus-site/themes "$dir/"
  # --full: the generate_* keys (all false, as config.toml's disableKinds) are left out.
  if [[ "$full" -eq 1 ]]; then sed -i '/^generate_/d' "$dir/site.yaml"; fi
  for run in $(seq 0 "$runs"); do
    for tool in $tools; do
      echo "$n pages: $tool, run $run of $runs" >&2
      measure "$tool" "$n" "$run" "$dir"
    done
  done
  mkdir -p "$trash"
  mv "$dest_root"/public-"$n"-* "$trash"/ 2>/dev/null || true
  rm -rf "$dir/.yhdessa-cache"
done

# Medians and ratios as a Markdown table.
python3 - "$results" "$command_line" <<'EOF'
import csv, statistics, sys
print(f"Command: `{sys.argv[2]}`\n")
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = {}
for key in ("wall_s", "user_s", "sys_s", "cpu_s", "rss_kib", "load1"):
    groups = {}
    for r in rows:
        groups.setdefault((int(r["pages"]), r["tool"]), []).append(float(r[key]))
    for k, v in groups.items():
        med.setdefault(k, {})[key] = statistics.median(v)
sizes = sorted({k[0] for k in med})
runs = max(int(r["run"]) for r in rows)
print(f"Medians of {runs} runs.\n")
print("| pages | tool | wall (s) | CPU user+sys (s) | user (s) | sys (s) | peak RSS (MiB) | wall per 1 000 pages (s) | load avg before run |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    for tool in ("yhdessa", "yhdessa-first", "hugo", "floor"):
        m = med.get((n, tool))
        if not m:
            continue
        print(f"| {n} | {tool} | {m['wall_s']:.2f} | {m['cpu_s']:.2f} | {m['user_s']:.2f} | {m['sys_s']:.2f} | "
              f"{m['rss_kib'] / 1024:.0f} | {m['wall_s'] / n * 1000:.3f} | {m['load1']:.2f} |")
print()
# Each round's own ratio too (a yhdessa run against the Hugo run right after it): the
# machine's speed drifts within a run, and a round's two runs are minutes apart at most.
walls = {(int(r["pages"]), r["tool"], r["run"]): float(r["wall_s"]) for r in rows}
def per_round(n, tool):
    v = [walls[(n, tool, k[2])] / walls[(n, "hugo", k[2])]
         for k in walls if k[0] == n and k[1] == tool and (n, "hugo", k[2]) in walls]
    return f"{statistics.median(v):.3f} ({min(v):.3f}–{max(v):.3f})" if v else "–"
# CPU split into user and kernel time: the kernel's part (making the folders and files)
# is the same work for every tool, and a larger share of ours than of Hugo's.
print("| pages | wall yhdessa/hugo | CPU yhdessa/hugo | user yhdessa/hugo | sys yhdessa/hugo | RSS yhdessa/hugo | wall yhdessa/floor | CPU yhdessa/floor | wall first/hugo | RSS first/hugo | wall yhdessa/hugo per round: median (range) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    y, h, f = med.get((n, "yhdessa")), med.get((n, "hugo")), med.get((n, "floor"))
    c = med.get((n, "yhdessa-first"))
    if not y and not c:
        continue
    r = lambda a, b, k, d: f"{a[k] / b[k]:.{d}f}" if a and b else "–"
    print(f"| {n} | {r(y, h, 'wall_s', 3)} | {r(y, h, 'cpu_s', 3)} | {r(y, h, 'user_s', 3)} | "
          f"{r(y, h, 'sys_s', 3)} | {r(y, h, 'rss_kib', 3)} | "
          f"{r(y, f, 'wall_s', 2)} | {r(y, f, 'cpu_s', 2)} | {r(c, h, 'wall_s', 3)} | {r(c, h, 'rss_kib', 3)} | "
          f"{per_round(n, 'yhdessa')} |")
EOF

echo "deleting the output folders ($trash) ..." >&2
rm -rf "$trash"
if [[ "$on_tmpfs" -eq 0 ]]; then
  sync
  date +%s >"$out/.last-delete"
fi
