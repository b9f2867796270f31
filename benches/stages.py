"""Stage figures of `benches/build.sh` from the `marsad -v build` log lines of its runs.

    stages.py WORK N          each stage's median time over the runs at N briefings, and
                              its resident memory (the largest over the runs)
    stages.py WORK N1 N2 ...  each stage's growth from N1 to every larger size (medians)

A log line reads `<stage>: <count> items in <duration>, <MiB> MiB resident`.
"""
import re
import statistics
import sys

LINE = re.compile(r"^(?P<stage>.+): \d+ items in (?P<t>[0-9.]+) ?(?P<unit>ns|µs|us|ms|s), (?P<mib>\d+) MiB resident$")
SCALE = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def stages(work, n):
    """stage -> (median seconds, max MiB), in the order the build runs them."""
    times, mib = {}, {}
    with open(f"{work}/stages-{n}.log", encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            s = m["stage"]
            times.setdefault(s, []).append(float(m["t"]) * SCALE[m["unit"]])
            mib[s] = max(mib.get(s, 0), int(m["mib"]))
    return {s: (statistics.median(v), mib[s], len(v)) for s, v in times.items()}


def main():
    work, sizes = sys.argv[1], sys.argv[2:]
    if len(sizes) == 1:
        n = sizes[0]
        for s, (t, mib, runs) in stages(work, n).items():
            print(f"{n} briefings: stage: {s}: {t * 1000:.0f} ms (median of {runs}), {mib} MiB resident")
        return
    base = stages(work, sizes[0])
    for n in sizes[1:]:
        other = stages(work, n)
        for s, (t, _, _) in other.items():
            if s in base and base[s][0] > 0:
                print(f"{sizes[0]} -> {n} briefings: stage: {s}: {t / base[s][0]:.1f}x")


main()
