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
    # The kit's `package` symbols (ProgramRun) need SwiftPM's package name: the checkout's folder.
    swiftc -swift-version 6 -O -package-name "$(basename "$package" | tr 'A-Z-' 'a-z_')" "$here/bench.swift" \
        -I "$lib/Modules" -L "$lib" -lParLearnKit \
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
# The report's fixed cost, one fresh process per measurement (see bench.swift): median of 7.
costs=$(for _ in 1 2 3 4 5 6 7; do PARLEARN_SCHEDULES=1 explore "$bin" report; done)
echo "$costs" | sort -n | awk '{ ms[NR] = $1; lines = lines $2 " " }
    END { printf "report fixed cost: %.1f ms median of %d (min %.1f, max %.1f); lines resolved: %s\n",
                 ms[int((NR + 1) / 2)], NR, ms[1], ms[NR], lines }'
# Why addr2line: one start of each symbolizer on the bench binary, median wall ms of 7.
for tool in addr2line llvm-symbolizer; do
    command -v "$tool" >/dev/null 2>&1 || continue
    for _ in 1 2 3 4 5 6 7; do
        start=$(date +%s%N); "$tool" -e "$bin" 0x1000 >/dev/null 2>&1; end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
    done | sort -n | awk -v tool="$tool" '{ us[NR] = $1 } END { printf "%s start: %.1f ms median of %d\n", tool, us[4] / 1000, NR }'
done
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
