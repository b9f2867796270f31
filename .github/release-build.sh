#!/usr/bin/env bash
# Builds the marsad binary for one target and packs it for a GitHub release (issue 25):
#
#   bash .github/release-build.sh TARGET OUTDIR
#
# writes OUTDIR/marsad-<version>-<TARGET>.tar.gz (.zip for Windows), holding the binary and
# the README, and OUTDIR/marsad-<version>-<TARGET>.<ext>.sha256 ("<hash>  <file>", what
# `sha256sum -c` reads). The release workflow (.github/workflows/release.yml) runs it once
# per target on a runner of that platform; it runs the same way on a developer's machine for
# its own target, e.g. `bash .github/release-build.sh x86_64-unknown-linux-gnu /tmp/dist`.
#
# Needs cargo and the target's standard library (`rustup target add TARGET`), tar or, for
# Windows, 7z (both on GitHub's runners), and sha256sum or shasum. When run for a tag
# (GITHUB_REF_NAME=v1.2.3 in Actions), the tag must be Cargo.toml's version with a `v`.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET OUTDIR   (e.g. $0 x86_64-unknown-linux-gnu dist)" >&2
  exit 2
fi
target=$1
outdir=$2
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
if [ -z "$version" ]; then
  echo "$0: no version = \"...\" line in Cargo.toml" >&2
  exit 1
fi
if [[ "${GITHUB_REF_TYPE:-}" == tag && "${GITHUB_REF_NAME:-}" != "v$version" ]]; then
  echo "$0: the tag ${GITHUB_REF_NAME:-} does not match Cargo.toml's version $version (expected v$version)" >&2
  exit 1
fi

# The host's own target builds without --target, into target/release, so it shares the
# build a developer or CI has already made (tests/run.sh runs this script after its own
# release build); another target builds into target/TARGET/release.
host=$(rustc -vV | sed -n 's/^host: //p')
exe=marsad
case "$target" in *windows*) exe=marsad.exe ;; esac
if [ "$target" = "$host" ]; then
  cargo build --release --locked
  binary="${CARGO_TARGET_DIR:-target}/release/$exe"
else
  cargo build --release --locked --target "$target"
  binary="${CARGO_TARGET_DIR:-target}/$target/release/$exe"
fi
if [ ! -f "$binary" ]; then
  echo "$0: cargo finished but $binary is missing" >&2
  exit 1
fi

name="marsad-$version-$target"
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/"
cp README.md "$stage/$name/"
# Without the line tables the release profile keeps (issue 25: 86 MB -> 18 MB on Linux, a
# 6 MB download instead of 22); function names stay, so a backtrace still reads. MSVC keeps
# its debug information in a separate .pdb, which is not shipped.
case "$target" in
  *linux*) strip --strip-debug "$stage/$name/$exe" ;;
  *apple*) strip -S "$stage/$name/$exe" ;;
esac

case "$target" in
  *windows*)
    archive="$name.zip"
    rm -f "$outdir/$archive"
    (cd "$stage" && 7z a -tzip -bso0 -bsp0 "$outdir/$archive" "$name" >/dev/null)
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$stage" -czf "$outdir/$archive" "$name"
    ;;
esac

# The binary must run and name itself before it is shipped (the host's target only: a
# cross-compiled one cannot run here).
if [ "$target" = "$host" ]; then
  "$stage/$name/$exe" --version
fi

cd "$outdir"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$archive" >"$archive.sha256"
else
  shasum -a 256 "$archive" >"$archive.sha256"
fi
echo "$outdir/$archive"
cat "$archive.sha256"
