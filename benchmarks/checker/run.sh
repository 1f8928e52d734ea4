#!/bin/sh
# Benchmark of the thread engine. Prints medians (min/max where it matters):
#   decisions/s and schedules/s for a 2-thread, 50-operation program (release kit);
#   the report's fixed cost (goal <= 50 ms), per-switch cost as a ratio to a bare semaphore
#   hand-off measured in the same run (goal >= 0.8), instructions per decision from callgrind
#   when valgrind is installed (goal <= 1,500), and the same program on the debug kit that the
#   README's `swift build` gives learners.
# Usage: benchmarks/checker/run.sh   (from anywhere; PACKAGE=<dir> to build another checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=${PACKAGE:-$(cd "$here/../.." && pwd)}
tmp=${TMPDIR:-/tmp}
log="$tmp/parlearn-checker-bench-build.log"

# build CONFIG SCRATCH: the kit as `swift build -c CONFIG` makes it, and the bench against it.
build() {
    if ! (cd "$package" && swift build -c "$1" --product ParLearnKit --scratch-path "$2" >"$log" 2>&1); then
        cat "$log"
        echo "benchmark: the $1 build of ParLearnKit failed" >&2
        exit 2
    fi
    lib="$2/$1"
    swiftc -swift-version 6 -O "$here/bench.swift" -I "$lib/Modules" -L "$lib" -lParLearnKit \
        -Xlinker -rpath -Xlinker "$lib" -o "$tmp/parlearn-checker-bench-$1"
}
build release "$package/.build-release"
bin="$tmp/parlearn-checker-bench-release"

report="$tmp/parlearn-checker-bench-report.json"
explore() { PARLEARN_MODE=explore PARLEARN_STRATEGY=random PARLEARN_REPORT="$report" "$@"; }

echo "cores: $(nproc)"
PARLEARN_SCHEDULES=400 explore "$bin" decisions
echo "one stream (the default):"
PARLEARN_SCHEDULES=20000 explore "$bin" schedules
echo "two streams (PARLEARN_STREAMS=2, opt-in; see docs/threads.md):"
PARLEARN_STREAMS=2 PARLEARN_SCHEDULES=20000 explore "$bin" schedules
PARLEARN_SCHEDULES=1 explore "$bin" report
PARLEARN_STRATEGY=dfs PARLEARN_PREEMPTION_BOUND=0 PARLEARN_MODE=explore PARLEARN_REPORT="$report" "$bin" switch
if command -v valgrind >/dev/null 2>&1; then
    # callgrind N: instructions for N schedules; the difference of two budgets drops start-up.
    count() {
        out=$(PARLEARN_SCHEDULES=$1 explore valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" callgrind 2>&1)
        ir=$(echo "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1)
        decisions=$(echo "$out" | sed -n 's/^decisions \([0-9]*\)$/\1/p')
        echo "$ir $decisions"
    }
    set -- $(count 10) $(count 30)
    echo "instructions per decision (callgrind, 20 schedules of 1,002 decisions): $(( ($3 - $1) / ($4 - $2) ))"
else
    echo "instructions per decision: valgrind is not installed (apt-get install valgrind)"
fi
echo "memory:"
PARLEARN_SCHEDULES=100000 explore "$bin" memory
echo "the README's debug build (swift build), which learners' programs link:"
build debug "$package/.build"
PARLEARN_SCHEDULES=400 explore "$tmp/parlearn-checker-bench-debug" decisions
