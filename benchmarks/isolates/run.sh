#!/usr/bin/env bash
# Measures the figures quoted in chapters/04-isolates and docs/isolates.md: isolate start-up
# against a thread and a process, messages per second through an IsolateQueue, and a CPU-bound
# job (fib(32) x 4) on a pool of 1 isolate vs 2. It builds ParLearnKit in release mode, compiles
# chapters/04-isolates/costs.swift with -O against it, and runs it `runs` times (default 3);
# each run prints medians of 7 rounds with their range.
#
#   benchmarks/isolates/run.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

. "$(dirname "$0")/../machine.sh"
(cd "$root" && swift build -c release --product ParLearnKit >/dev/null)
lib="$root/.build/release"
swiftc -O -swift-version 6 -I "$lib/Modules" -I "$lib" -L "$lib" -lParLearnKit \
    -Xlinker -rpath -Xlinker "$lib" "$root/chapters/04-isolates/costs.swift" -o "$out/costs"
for i in $(seq 1 "$runs"); do
    echo "## run $i"
    "$out/costs" --full
done
