#!/usr/bin/env bash
# Installs what Yhdessä needs on Debian 12, and only what is missing.
# Usage: scripts/install-deps.sh [--browser]   (--browser adds Chromium + npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown (GFM)
  libyaml-dev                                    # YAML: front matter, site.yaml, data/
  libkainjow-mustache-dev                        # templates
  nlohmann-json3-dev                             # JSON: manifests, API, open data
  libcpp-httplib-dev                             # HTTP: yhdessa serve, yhdessa-vote
  libsqlitecpp-dev libsqlite3-dev                # ballots
  libsodium-dev                                  # CSPRNG, keyed hashing of codes
  libcli11-dev                                   # command lines (yhdessa-vote)
  libmimalloc-dev                                # faster malloc for the yhdessa program
  libxxhash-dev                                  # XXH3: the build cache's content hashes
  catch2                                         # unit tests (v2)
)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from outside Debian (the CI image has Node 20): keep those.
if [[ "${1:-}" == "--browser" ]] && command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--browser" && -f package-lock.json ]]; then
  # Exact versions from the lock file; playwright-core never downloads a browser.
  if [[ ! -d node_modules ]] || ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
