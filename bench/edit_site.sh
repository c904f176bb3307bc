# Sourced by incremental_bench.sh and serve_bench.sh, which edit a copy of the corpus:
# builds yhdessa (unless build=0), generates bench/out/corpus-<size>/ with gen_corpus.py
# when it is missing, and copies its content with the corpus site's config and theme to
# bench/out/<name>-<size>/, so the edits never touch the corpus other benchmarks measure.
#
# In: root, size, build; $1 the copy's name; YHDESSA, another binary to measure (then
# nothing is built). Out: yhdessa, out, site, page (the page to
# edit: the first page of the first section, content/<section>/<page>.md) and page_out
# (its HTML file).
yhdessa="${YHDESSA:-$root/build/release/generator/yhdessa}"
if [[ "$build" -eq 1 && -z "${YHDESSA:-}" ]]; then
  [[ -f build/release/CMakeCache.txt ]] || cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/release --target yhdessa -j2 >/dev/null
fi

out="$root/bench/out"
corpus="$out/corpus-$size"
if [[ ! -d "$corpus/content" ]]; then
  gen="${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}"
  [[ -f "$gen" ]] || gen=/work/shared/bench/gen_corpus.py
  echo "generating the $size-page corpus in $corpus ..." >&2
  python3 "$gen" --pages "$size" --out "$corpus" >/dev/null
fi
site="$out/$1-$size"
rm -rf "$site"
mkdir -p "$site"
cp -r "$corpus/content" "$site/"
cp -r bench/corpus-site/site.yaml bench/corpus-site/themes "$site/"
page="$(cd "$site" && find content -mindepth 2 -name '*.md' ! -name '_index.md' | sort | sed -n 1p)"
page_out="${page#content/}"
page_out="$site/public/${page_out%.md}/index.html"
