#!/bin/sh
# Release-build benchmark of the thread engine. Prints medians; targets are in the issue:
# >= 300,000 decisions/s and >= 2,000 schedules/s for a 2-thread, 50-operation program.
# Usage: benchmarks/checker/run.sh   (from anywhere; PACKAGE=<dir> to build another checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=${PACKAGE:-$(cd "$here/../.." && pwd)}
scratch="$package/.build-release"
log="${TMPDIR:-/tmp}/parlearn-checker-bench-build.log"
if ! (cd "$package" && swift build -c release --product ParLearnKit --scratch-path "$scratch" >"$log" 2>&1); then
    cat "$log"
    echo "benchmark: the release build of ParLearnKit failed" >&2
    exit 2
fi
lib="$scratch/release"
bin="${TMPDIR:-/tmp}/parlearn-checker-bench"
swiftc -swift-version 6 -O "$here/bench.swift" -I "$lib/Modules" -L "$lib" -lParLearnKit \
    -Xlinker -rpath -Xlinker "$lib" -o "$bin"

report="${TMPDIR:-/tmp}/parlearn-checker-bench-report.json"
explore() { PARLEARN_MODE=explore PARLEARN_STRATEGY=random PARLEARN_REPORT="$report" "$@"; }

echo "cores: $(nproc)"
PARLEARN_SCHEDULES=400 explore "$bin" decisions
echo "one stream (the default):"
PARLEARN_SCHEDULES=20000 explore "$bin" schedules
echo "two streams (PARLEARN_STREAMS=2, opt-in; see docs/threads.md):"
PARLEARN_STREAMS=2 PARLEARN_SCHEDULES=20000 explore "$bin" schedules
echo "memory:"
PARLEARN_SCHEDULES=100000 explore "$bin" memory
