#!/usr/bin/env bash
# Lighthouse's four category scores (performance, accessibility, best practices, SEO) for
# three pages of a built site: an English home page, a briefing and the search page, each as
# a phone (Lighthouse's default: simulated slow 4G and CPU) and as a desktop. A measurement
# to read, not a test: it prints figures and exits 0 whatever they are.
#
#   cargo run --release -- build && bash benches/lighthouse.sh [SITE_DIR]   # default: public
#
# The site is served as static files from SITE_DIR on a free loopback port, so it must be
# built for the root path (site.toml's base_url, not a GitHub project sub-path). Lighthouse
# 12 comes from npm (13 needs Node 22), installed once into a cache folder, and drives
# Debian's /usr/bin/chromium with the flags of tests/browser/chromium.mjs; nothing else is
# downloaded. Under each line it lists the audits that scored below 90; the server's own
# (uses-text-compression, uses-long-cache-ttl) are Python's http.server sending neither
# compression nor cache headers, which GitHub Pages does send.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-public}
if [ ! -f "$site/en/index.html" ]; then
  echo "$0: $site/en/index.html not found: build the site first (cargo run --release -- build)" >&2
  exit 1
fi
site=$(cd "$site" && pwd)

version=12.2.3
tools="${XDG_CACHE_HOME:-$HOME/.cache}/marsad-lighthouse-$version"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm init -y >/dev/null &&
    npm install --no-audit --no-fund --loglevel=error -E "lighthouse@$version")
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/en/" && break
  sleep 0.1
done

# A briefing: the first one the English home page lists.
briefing=$(grep -o '<h2><a href="[^"]*"' "$site/en/index.html" | head -n 1 | sed 's/.*href="\([^"]*\)"/\1/')
pages=("/en/" "$briefing" "/en/search/?q=sahel")

flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
printf '%-9s %-58s %5s %5s %5s %5s\n' "form" "page" "perf" "a11y" "best" "seo"
for form in mobile desktop; do
  preset=()
  if [ "$form" = desktop ]; then preset=(--preset=desktop); fi
  for page in "${pages[@]}"; do
    report="$work/report.json"
    CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" \
      "http://127.0.0.1:$port$page" "${preset[@]}" --quiet \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$flags" --output=json --output-path="$report" >/dev/null 2>"$work/log" || {
      echo "$form $page: lighthouse failed:" >&2
      tail -n 20 "$work/log" >&2
      continue
    }
    # shellcheck disable=SC2016 # JavaScript, whose ${...} are its own
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => r.categories[k].score === null ? "n/a" : Math.round(r.categories[k].score * 100);
      const page = decodeURI(process.argv[3]);
      console.log(`${process.argv[2].padEnd(9)} ${page.slice(0, 58).padEnd(58)} ${String(s("performance")).padStart(5)} ${String(s("accessibility")).padStart(5)} ${String(s("best-practices")).padStart(5)} ${String(s("seo")).padStart(5)}`);
      const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual");
      for (const a of failed) console.log(`          below 90: ${a.id} (${a.displayValue || a.score})`);
    ' "$report" "$form" "$page"
  done
done
