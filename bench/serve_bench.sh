#!/usr/bin/env bash
# `yhdessa serve` benchmark (issue 8): from saving a page to its rebuilt HTML on disk.
#
# Works on a copy of bench/out/corpus-<N>/ (generate it first with
#   bench/site_bench.sh --sizes N --runs 1 --tools yhdessa
# or let this script run gen_corpus.py) in bench/out/serve-<N>/. Starts `yhdessa serve
# --verbose` on it, waits for the first build, then --edits times: appends a paragraph
# with a unique marker to one page (a body edit: serve patches that page and its
# section's feed into the site it keeps, see generator/patch/site_patch.h) and polls the page's
# output file every millisecond until the marker is in it. With --edit title the marker
# goes into the page's title instead (the page, its lists and the pages that link to it
# are rendered again); --edit weight also changes its weight, which moves it within its
# lists; --edit new writes a new page next to it (a copy with the marker as its title,
# named after the marker) and waits for that page's HTML, --edit bundle the same as a page
# bundle (<name>/index.md in a new folder), --edit new-linked the same new page and a link
# to it appended to the page, in one save, and waits for the page's HTML, --edit pull
# three new pages in one change and waits for the last one's HTML, --edit pull-delete the
# same with two copies of the page (made at the start) deleted in the change; --edit typo saves the
# page with a front-matter error (the build fails), waits 1.5 s and saves it fixed, with
# the marker appended, timing the fix; --edit static appends a comment with the marker to
# static/style.css and waits for its copy in the site, --edit static-delete deletes a copy of
# it (made at the start, one for each edit) and waits until its copy in the site is gone;
# --edit heading puts the marker into the page's first `##` heading (its anchor changes);
# --edit alias gives the page a new alias (an old address) in place of the last and the
# marker as its title, and waits for the alias's redirect, which shows the title; --edit term puts the marker into
# the title and replaces the page's first tag with another of the corpus's terms (the page
# moves between two terms' lists), --edit new-term adds a tag no page has (a new term
# page), --edit retag replaces the page's first tag with a tag no page has (from the second
# edit on the previous edit's tag loses its only page: its term page goes), --edit rename writes a copy of the page (made at the start: no page links to it)
# under a new name with the marker as its title and deletes the old file (as `git mv` and
# an edit), and waits for the new page's HTML; --edit delete deletes two copies of the page
# (made at the start, two for each edit) in one change, as `git rm a b` does, and waits until
# both their HTML files are gone (deleted when the rebuild's files are in place). The
# time includes the watcher's settle time (15 ms) that coalesces an editor's
# burst of events.
# Prints every time, the median, and the median of serve's own phase timings for the
# rebuilds (from its --verbose lines), so a slow figure shows where the time went.
#
# --pause S: seconds between an edit's page on disk and the next edit (default 0.5). serve
# checks each patch with a build once the sources have been quiet for a second: with
# --pause 2 every check runs between the edits, with --pause 1 most edits arrive while one
# runs (it stops between its phases). The checks' times, how many stopped or found a file
# to put right, and serve's peak memory (VmHWM) are printed.
#
# --anchor also measures, in the same run, `serve --no-cache` (every rebuild parses and
# renders the whole site, as serve did before the in-memory caches) with --anchor-edits
# edits, and prints the ratio of the medians.
#
# --hugo measures `hugo server --renderToDisk` on the corpus in Hugo's own layout (a copy
# in bench/out/serve-hugo-<N>/) the same way, in the same run: Hugo's default fast-render
# mode, with the edited page visited once over HTTP first (fast render re-renders the
# pages a browser has open), and the same edit; its median and the ratio are printed.
#
# Usage: bench/serve_bench.sh [--size 10000] [--edits 9] [--pause 0.5] [--edit body|title|weight|new|bundle|new-linked|pull|pull-delete|typo|static|static-delete|heading|alias|term|new-term|retag|rename|delete] [--anchor]
#                             [--anchor-edits 3] [--hugo] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
size=10000
edits=9
build=1
anchor=0
anchor_edits=3
edit=body
hugo=0
pause=0.5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --edits) edits="$2"; shift 2 ;;
    --pause) pause="$2"; shift 2 ;;
    --edit) edit="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --anchor) anchor=1; shift ;;
    --anchor-edits) anchor_edits="$2"; shift 2 ;;
    --hugo) hugo=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "serve_bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/edit_site.sh
source bench/edit_site.sh serve
log="$out/serve-$size.log"
# --edit static edits a static file, copied from the corpus before serve starts.
if [[ "$edit" == static ]]; then mkdir -p "$site/static" && cp "$corpus/static/style.css" "$site/static/"; fi
# --edit static-delete deletes copies of it, one for each edit, made before serve starts.
if [[ "$edit" == static-delete ]]; then
  mkdir -p "$site/static"
  for i in $(seq 1 "$edits"); do cp "$corpus/static/style.css" "$site/static/style-poisto-$i.css"; done
fi
# --edit rename renames a copy of the page, made before serve starts.
[[ "$edit" == rename ]] && cp "$site/$page" "$site/${page%.md}-siirto.md"
# --edit delete deletes copies of the page, two for each edit, made before serve starts.
if [[ "$edit" == delete || "$edit" == pull-delete ]]; then
  for i in $(seq 1 $((2 * edits))); do cp "$site/$page" "$site/${page%.md}-poisto-$i.md"; done
fi

# measure LOG EDITS [serve options]: starts serve, times EDITS edits; prints the times.
# With server=hugo, `hugo server` on the Hugo copy instead.
server=yhdessa
measure() {
  local log="$1" n="$2" ready=serving src="$site/$page" html="$page_out"
  shift 2
  if [[ "$server" == hugo ]]; then
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    hugo server -s "$hugo_site" --renderToDisk --bind 127.0.0.1 --port "$port" >"$log" 2>&1 &
    ready="Web Server is available"
    src="$hugo_site/$page"
    html="$hugo_site/public/${page#content/}"
    html="${html%.md}/index.html"
  else
    "$yhdessa" serve --source "$site" --port 0 --verbose "$@" >"$log" 2>&1 &
  fi
  serve_pid=$!
  trap 'kill "$serve_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 3000); do grep -q "$ready" "$log" && break; sleep 0.1; done
  grep -q "$ready" "$log" || { cat "$log" >&2; exit 1; }
  if [[ "$server" == hugo ]]; then
    local url="${html#"$hugo_site/public"}"
    curl -s -o /dev/null "http://127.0.0.1:$port${url%index.html}"  # visited: fast render
  fi
  sleep 1
  for r in $(seq 1 "$n"); do
    ms="$(python3 - "$src" "$html" "serve-edit-$r-$$-$RANDOM" "$edit" "$r" <<'PY'
import os, re, sys, time
src, html, marker, edit, r = sys.argv[1:]
def wait_gone(gone):  # prints the milliseconds until every file of `gone` is gone
    t0 = time.monotonic()
    while any(os.path.exists(g) for g in gone):
        if time.monotonic() - t0 > 600:
            print("timeout")
            sys.exit(0)
        time.sleep(0.001)
    print("%.1f" % ((time.monotonic() - t0) * 1000))
    sys.exit(0)
if edit == "delete":  # two copies in one change; done when both pages' files are gone
    gone = []
    for i in (2 * int(r) - 1, 2 * int(r)):
        os.remove(src[:-3] + "-poisto-%d.md" % i)
        gone.append(html[: -len("/index.html")] + "-poisto-%d/index.html" % i)
    wait_gone(gone)
if edit == "static-delete":  # done when the deleted file's copy is gone from the site
    root = src[: src.index(os.sep + "content" + os.sep)]
    os.remove(os.path.join(root, "static", "style-poisto-%s.css" % r))
    wait_gone([html[: html.index(os.sep + "public" + os.sep)] + "/public/style-poisto-%s.css" % r])
if edit in ("pull", "pull-delete"):  # three new pages next to the edited one, in one change
    text = open(src).read()
    if edit == "pull-delete":  # and two copies of it deleted (a git pull that adds and deletes)
        for i in (2 * int(r) - 1, 2 * int(r)):
            os.remove(src[:-3] + "-poisto-%d.md" % i)
    for k in (1, 2, 3):
        new_src = src[:-3] + "-%s-%d.md" % (marker, k)
        with open(new_src, "w") as f:
            f.write(re.sub(r"^title:.*$", "title: %s-%d" % (marker, k), text, count=1, flags=re.M))
    html = html[: -len("/index.html")] + "-%s-3/index.html" % marker.lower()
elif edit in ("new", "bundle", "new-linked"):  # a new page next to the edited one
    text = open(src).read()
    text = re.sub(r"^title:.*$", "title: " + marker, text, count=1, flags=re.M)
    new_src = src[:-3] + "-" + marker + (os.sep + "index.md" if edit == "bundle" else ".md")
    os.makedirs(os.path.dirname(new_src), exist_ok=True)
    with open(new_src, "w") as f:
        f.write(text)
    if edit == "new-linked":  # and the edited page links to it, in the same save
        with open(src, "a") as f:
            f.write("\n[" + marker + "](" + os.path.basename(new_src) + ")\n")
    else:
        html = html[: -len("/index.html")] + "-" + marker.lower() + "/index.html"
elif edit == "rename":  # a page under a new name (and title): a page goes, one comes
    import glob, os
    base = src[:-3] + "-siirto"  # a copy no page links to (a link to it would break)
    cur = base + ".md" if os.path.exists(base + ".md") else glob.glob(base + "-serve-edit-*.md")[0]
    text = open(cur).read()
    text = re.sub(r"^title:.*$", "title: " + marker, text, count=1, flags=re.M)
    src = base + "-" + marker + ".md"
    html = html[: -len("/index.html")] + "-siirto-" + marker.lower() + "/index.html"
    with open(src, "w") as f:
        f.write(text)
    os.remove(cur)
elif edit in ("title", "weight", "term", "new-term", "retag", "alias"):
    text = open(src).read()
    text = re.sub(r"^title:.*$", "title: " + marker, text, count=1, flags=re.M)
    if edit == "alias":  # a new old address in place of the last: its redirect shows the title
        text = re.sub(r"^aliases:.*\n", "", text, flags=re.M)
        text = re.sub(r"^(title:.*)$", r'\1\naliases: ["/vanha-' + marker.lower() + '/"]', text,
                      count=1, flags=re.M)
        html = html[: html.index(os.sep + "public" + os.sep)] + "/public/vanha-" + marker.lower() + "/index.html"
    if edit == "term":  # its first tag becomes another of the corpus's terms
        tags = re.findall(r'^  - "(.*)"$', text, flags=re.M)
        other = [t for t in ("museot", "energia", "kirjasto", "puistot", "koulut", "liikenne")
                 if t not in tags][int(marker.split("-")[2]) % 3]
        text = re.sub(r'^(tags:\n)  - ".*"$', r'\1  - "' + other + '"', text, count=1, flags=re.M)
    if edit == "new-term":  # a tag no page has yet, before the others (none goes)
        text = re.sub(r"^tags:$", 'tags:\n  - "' + marker.lower() + '"', text, count=1, flags=re.M)
    if edit == "retag":  # its first tag becomes one no page has: from the second edit on,
        # the tag the previous edit made loses its only page and goes (a misspelt tag put right)
        text = re.sub(r'^(tags:\n)  - ".*"$', r'\1  - "' + marker.lower() + '"', text, count=1,
                      flags=re.M)
    if edit == "weight":  # moves the page in its lists: a change of the site's structure
        weight = str(int(marker.split("-")[2]) * 7 % 97)
        text = re.sub(r"^weight:.*$", "weight: " + weight, text, count=1, flags=re.M)
    with open(src, "w") as f:  # one write and close, as an editor's save
        f.write(text)
elif edit == "heading":  # its first `## ` heading gets the marker as its text (a new anchor)
    text = open(src).read()
    text = re.sub(r"^## .*$", "## " + marker, text, count=1, flags=re.M)
    with open(src, "w") as f:
        f.write(text)
elif edit == "static":  # static/style.css saved anew; done when its copy has the marker
    path = os.path.join(src[: src.index(os.sep + "content" + os.sep)], "static", "style.css")
    with open(path, "a") as f:
        f.write("\n/* " + marker + " */\n")
    html = html[: html.index(os.sep + "public" + os.sep)] + "/public/style.css"
elif edit == "typo":  # a broken front matter saved (serve's build fails), then fixed
    text = open(src).read()
    with open(src, "w") as f:
        f.write(text.replace("\ntitle:", "\ntitel:", 1))
    time.sleep(1.5)  # the failed build is done and shown
    with open(src, "w") as f:
        f.write(text + "\n" + marker + "\n")
else:
    with open(src, "a") as f:
        f.write("\n" + marker + "\n")
t0 = time.monotonic()
while time.monotonic() - t0 < 600:
    try:
        with open(html) as f:
            if marker in f.read():
                print("%.1f" % ((time.monotonic() - t0) * 1000))
                break
    except OSError:
        pass
    time.sleep(0.001)
else:
    print("timeout")
PY
)"
    echo "edit $r ($server $*): $ms ms" >&2
    echo "$ms"
    sleep "$pause"
  done
  [[ "$server" == hugo ]] || grep VmHWM "/proc/$serve_pid/status" >"$log.mem" || true
  kill "$serve_pid"
  wait "$serve_pid" 2>/dev/null || true
  trap - EXIT
}

times="$(measure "$log" "$edits")"
first="$(grep -m1 -o 'files in [0-9]* ms' "$log" || true)"
if [[ "$anchor" -eq 1 ]]; then
  anchor_times="$(measure "$out/serve-$size-anchor.log" "$anchor_edits" --no-cache)"
fi
if [[ "$hugo" -eq 1 ]]; then
  command -v hugo >/dev/null || { echo "serve_bench.sh: --hugo needs hugo (apt-get install hugo)" >&2; exit 1; }
  hugo_site="$out/serve-hugo-$size"
  rm -rf "$hugo_site"
  mkdir -p "$hugo_site"
  (cd "$corpus" && cp -r config.toml content layouts static themes "$hugo_site/" 2>/dev/null || true)
  server=hugo
  hugo_times="$(measure "$out/serve-hugo-$size.log" "$edits")"
  server=yhdessa
fi

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
echo
echo "yhdessa serve, $size pages, one $edit edit, $edits edits ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  first build: ${first:-?}; $(grep -o 'watching with [a-z]*' "$log" | head -1)"
m="$(printf '%s\n' "$times" | median)"
echo "  save -> page on disk: median $m ms (all: $(printf '%s\n' "$times" | sort -n | paste -sd' '))"
if [[ "$anchor" -eq 1 ]]; then
  am="$(printf '%s\n' "$anchor_times" | median)"
  echo "  anchor, serve --no-cache: median $am ms (all: $(printf '%s\n' "$anchor_times" | sort -n | paste -sd' ')); ratio $(awk -v a="$m" -v b="$am" 'BEGIN {printf "%.3f", a / b}')"
fi
if [[ "$hugo" -eq 1 ]]; then
  hm="$(printf '%s\n' "$hugo_times" | median)"
  echo "  anchor, hugo server --renderToDisk (fast render, page visited): median $hm ms (all: $(printf '%s\n' "$hugo_times" | sort -n | paste -sd' ')); ratio $(awk -v a="$m" -v b="$hm" 'BEGIN {printf "%.3f", a / b}')"
fi
echo "  rebuild CPU time (user + system of serve), median: $(grep -o 'CPU [0-9]* ms' "$log" | awk '{print $2}' | median) ms"
if [[ "$anchor" -eq 1 ]]; then
  echo "  anchor's rebuild CPU time, median: $(grep -o 'CPU [0-9]* ms' "$out/serve-$size-anchor.log" | awk '{print $2}' | median) ms"
fi
patched="$(grep -c '^yhdessa: patched' "$log" || true)"
echo "  rebuilds patched into the kept site: $patched of $(grep -c 'rebuilt in' "$log" || true)"
if [[ "$patched" -gt 0 ]]; then
  echo "  patch time inside serve, median: $(grep -o '^yhdessa: patched.* in [0-9]* ms' "$log" | awk '{print $(NF-1)}' | median) ms"
fi
grep -o 'full rebuild: .*' "$log" | sed 's/^/  /' | sort | uniq -c | sed 's/^ */  /' || true
checks="$(grep -c '^  checked: ' "$log" || true)"
echo "  checks of patches by a build: $checks the same, $(grep -c '^  check stopped' "$log" || true) stopped by an edit, $(grep -c '^  check overtaken' "$log" || true) overtaken (an edit came as it ended), $(grep -c '^yhdessa: a build after the patch changed' "$log" || true) with files put right"
if [[ "$checks" -gt 0 ]]; then
  echo "  check time inside serve, median: $(grep -o '^  checked: .*(\([0-9]*\) ms)' "$log" | grep -o '[0-9]* ms)$' | awk '{print $1}' | median) ms"
fi
echo "  serve's peak memory: $(grep -o 'VmHWM:.*' "$log.mem" | awk '{printf "%.0f MiB", $2 / 1024}')"
echo "  rebuild phases of full rebuilds, median (ms):"
# The first build's phase lines come before "serving"; the rebuilds' after it.
awk '/serving/ {on=1; next} /checking the patched site/ {skip=1} /^  checked:|^  check stopped|^  check overtaken|^yhdessa: a build after/ {skip=0; next} on && !skip && / ms$/ && /^  [a-z]/ {t=$(NF-1); $NF=""; $(NF-1)=""; sub(/^ +/, ""); sub(/ +$/, ""); print $0 "\t" t}' "$log" |
  sort -t$'\t' -k1,1 -k2,2n |
  awk -F'\t' '{v[$1]=v[$1] " " $2; n[$1]++} END {for (k in v) {split(substr(v[k], 2), a, " "); printf "    %-16s %8.1f\n", k, a[int((n[k] + 1) / 2)]}}' | sort
