#!/usr/bin/env bash
# Prints the figures of chapter 05 and docs/stress.md on this machine, with medians and spread:
#   1. speed-up of 05-free-threads/example at 2 threads, without and with the simulated GIL;
#   2. stress iterations per second (plain build, no TSan) on 05-free-threads/fixed;
#   3. the bank race found by `stress --tsan` (cold TSan build + run, and warm) vs `explore`;
#   4. the speed-up of free-global-lock's solution, which its check shows but does not grade.
# Needs `swift build` first (.build/debug/parlearn) and python3 for reading JSON.
#
#   benchmarks/stress/run.sh [runs]     (default 5 runs per figure)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
parlearn="$root/.build/debug/parlearn"
runs="${1:-5}"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 1.0) }'; then
    echo "# warning: load average $load: other work shares the cores; wall times and speed-ups suffer"
fi

speedup() {  # $1: the program, $2: extra flags
    "$parlearn" speedup "$1" --threads 1,2 --runs "$runs" --json $2 | python3 -c '
import json, sys
r = json.load(sys.stdin)
for row in r["rows"]:
    w = row["wallSeconds"]
    print("  %d thread(s): wall %.3f s (%.3f-%.3f), CPU %.3f s, speed-up %.2fx, %.2f cores busy"
          % (row["threads"], w["median"], w["min"], w["max"], row["cpuSeconds"]["median"],
             row["speedup"], row["parallelism"]))'
}
echo "## speed-up of 05-free-threads/example, median of $runs runs (no GIL)"
speedup 05-free-threads/example ""
echo "## the same under the simulated GIL (--gil)"
speedup 05-free-threads/example "--gil"

echo "## stress runs/s: 05-free-threads/fixed, 2 threads x 2000 iterations, plain build (warm)"
"$parlearn" stress 05-free-threads/fixed --iterations 10 > /dev/null
farm-bench -n "$runs" -- "$parlearn" stress 05-free-threads/fixed --iterations 2000 | grep -E "wall|cpu" | head -2
echo "  (iterations/s = 2000 / median wall, start-up included; one iteration = two barriers and 2 x 1000 transfers)"

echo "## the bank race: stress --tsan (cold TSan build + run) vs explore 01-threads/racy"
farm-bench -n "$runs" --timeout 600 --vs "$parlearn explore 01-threads/racy" -- \
    sh -c "rm -rf '$cache'/c; PARLEARN_CACHE_DIR='$cache'/c exec '$parlearn' stress 05-free-threads/racy --tsan --iterations 5 >/dev/null 2>&1" \
    | grep -E "wall|ratio" | head -4
echo "## the bank race: stress --tsan with the build cached vs explore"
"$parlearn" stress 05-free-threads/racy --tsan --iterations 5 > /dev/null || true
farm-bench -n "$runs" --vs "$parlearn explore 01-threads/racy" -- \
    "$parlearn" stress 05-free-threads/racy --tsan --iterations 5 | grep -E "wall|ratio" | head -4

echo "## free-global-lock: its solution (learner file + check), median of $runs runs; shown, not graded"
exercise="$root/exercises/05-free-threads/04-global-lock"
{ echo "import Foundation"; echo "import Synchronization"
  grep -hv '^import ' "$exercise/.solution/primes.swift" "$exercise/check.swift"; } > "$cache/global-lock.swift"
speedup "$cache/global-lock.swift" ""
