#!/bin/sh
# Release-build benchmarks of processes (issue 10). Prints medians of 5 runs with min and max:
# - schedules/s exploring a 3-process pipeline passing 10 messages each (goal >= 200/s);
# - start-up of a thread, a task and a process (start + wait, median of many);
# - a process pool of 2 workers vs 1 on a CPU-bound job (goal >= 1.7x on 2 cores);
# - chapter 03's fixed bank explored over 5,000 schedules (issue 10: it must stay clean).
# Usage: benchmarks/processes/run.sh   (PACKAGE=<dir> to build another checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=${PACKAGE:-$(cd "$here/../.." && pwd)}
scratch="$package/.build-release"
log="${TMPDIR:-/tmp}/parlearn-processes-bench-build.log"
if ! (cd "$package" && swift build -c release --product ParLearnKit --scratch-path "$scratch" >"$log" 2>&1); then
    cat "$log"
    echo "benchmark: the release build of ParLearnKit failed" >&2
    exit 2
fi
lib="$scratch/release"
bin="${TMPDIR:-/tmp}/parlearn-processes-bench"
swiftc -swift-version 6 -O "$here/bench.swift" -I "$lib/Modules" -L "$lib" -lParLearnKit \
    -Xlinker -rpath -Xlinker "$lib" -o "$bin"
report="${TMPDIR:-/tmp}/parlearn-processes-bench-report.json"

echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pipeline: 3 processes, 10 messages each, random strategy, 300 schedules per run"
# Wall-clock rate, and the rate per CPU-second of the broker and all its processes (what an
# idle core would give; on a loaded machine each hand-over between processes waits for a core).
python3 - "$bin" "$report" <<'PY'
import json, os, resource, statistics, subprocess, sys
binary, report = sys.argv[1], sys.argv[2]
wall, cpu = [], []
for seed in range(1, 6):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, PARLEARN_MODE="explore", PARLEARN_STRATEGY="random", PARLEARN_SEED=str(seed),
               PARLEARN_SCHEDULES="300", PARLEARN_REPORT=report)
    subprocess.run([binary, "pipeline"], env=env, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    s = json.load(open(report))["scenarios"][0]
    assert s["verdict"] == "clean", s
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    wall.append(s["schedulesRun"] / s["elapsed"])
    cpu.append(s["schedulesRun"] / seconds)
for name, v in (("schedules/s (wall clock)", sorted(wall)), ("schedules per CPU-second", sorted(cpu))):
    print("  %-26s median %.0f (min %.0f, max %.0f)" % (name, statistics.median(v), v[0], v[-1]))
PY

echo "start-up, start and wait (median of 200 threads, 200 tasks, 20 processes per run):"
for i in 1 2 3 4 5; do "$bin" startup; done | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin]
for name, col, unit in (("thread", 1, "µs"), ("task", 4, "µs"), ("process", 7, "ms")):
    v = sorted(float(r[col]) for r in rows)
    print("  %-8s median %.2f %s (min %.2f, max %.2f)" % (name, statistics.median(v), unit, v[0], v[-1]))'

echo "pool: primes below 3,000,000 in 8 chunks, 1 worker vs 2 workers:"
for i in 1 2 3 4 5; do "$bin" pool; done | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin]
for name, col in (("one worker s", 2), ("two workers s", 6), ("speed-up", 9)):
    v = sorted(float(r[col]) for r in rows)
    print("  %-14s median %.3f (min %.3f, max %.3f)" % (name, statistics.median(v), v[0], v[-1]))'

echo "chapters/03-processes/fixed.swift: 5,000 schedules, portfolio, seed 0 (must stay clean):"
fixed="${TMPDIR:-/tmp}/parlearn-processes-bench-fixed"
swiftc -swift-version 6 -O "$package/chapters/03-processes/fixed.swift" -I "$lib/Modules" -L "$lib" -lParLearnKit \
    -Xlinker -rpath -Xlinker "$lib" -o "$fixed"
PARLEARN_MODE=explore PARLEARN_SEED=0 PARLEARN_SCHEDULES=5000 PARLEARN_TIME_BUDGET=900 \
    PARLEARN_REPORT="$report" "$fixed" >/dev/null
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"][0]
print("  %s after %d schedules in %.1f s (%.0f schedules/s)" % (s["verdict"], s["schedulesRun"], s["elapsed"], s["schedulesRun"] / s["elapsed"]))
sys.exit(0 if s["verdict"] == "clean" and s["schedulesRun"] == 5000 else 1)' "$report"
