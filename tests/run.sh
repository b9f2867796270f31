#!/usr/bin/env bash
# The whole test suite: unit and integration tests (cargo test), then the bundled portal is
# built as a GitHub Pages project site and checked by the third-party validators in
# ../shared/sitecheck (Nu HTML checker, feedparser, xmllint, headless Chromium with axe-core),
# which this script installs if missing.
# Nothing is skipped: a missing tool is installed, or the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
SITECHECK="${SITECHECK:-../shared/sitecheck}"

cargo test --all-targets 2>&1 | tee /tmp/marsad-cargo-test.log
grep -q "test result: ok" /tmp/marsad-cargo-test.log

if [ ! -d "$SITECHECK" ]; then
  echo "tests/run.sh: $SITECHECK not found (the shared checkers must sit beside the repository)" >&2
  exit 1
fi
# install.sh is idempotent. It can fail at random: under `set -o pipefail` its
# `xmllint --version | head -1` dies of SIGPIPE when head exits first. So try up to three
# times, and fail (showing its output) only if it never succeeds.
installed=no
for attempt in 1 2 3; do
  if bash "$SITECHECK/install.sh" >/tmp/marsad-sitecheck-install.log 2>&1; then
    installed=yes
    break
  fi
  echo "tests/run.sh: sitecheck install.sh failed (attempt $attempt); retrying" >&2
done
if [ "$installed" != yes ]; then
  cat /tmp/marsad-sitecheck-install.log >&2
  exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The portal as a GitHub Pages project site: every link must stay under /briefings/.
cargo run --release --quiet -- build --output-dir "$out/site" --base-url https://example.github.io/briefings/
cargo run --release --quiet -- check --base-url https://example.github.io/briefings/

# Search in headless Chromium, on a copy of the portal with one more briefing whose title
# tries to inject markup.
mkdir -p "$out/portal"
cp -r site.toml content templates static "$out/portal/"
cat > "$out/portal/content/en/escape-test.md" <<'MD'
---
title: "<img src=x onerror=alert(1)> escape test"
summary: "A title that must stay text: <script>alert(2)</script>"
---
Body.
MD
cargo run --release --quiet -- build --root "$out/portal" --output-dir "$out/portal-site"
# Live reload needs a portal the test may edit: a second scratch copy.
mkdir -p "$out/serve"
cp -r site.toml content templates static "$out/serve/"
bin="${CARGO_TARGET_DIR:-target}/release/marsad"
SITE_DIR="$out/portal-site" MARSAD_BIN="$bin" PORTAL_DIR="$out/serve" node --test --test-timeout=240000 tests/browser/
# The served search client folds as src/fold.rs does: the shared case table, in Node.
MARSAD_BIN="$bin" node --test --test-timeout=240000 tests/node/
SITECHECK_BROWSER_ARGS="${SITECHECK_BROWSER_ARGS:---max-pages 0}" \
  bash "$SITECHECK/all.sh" "$out/site" https://example.github.io/briefings/
