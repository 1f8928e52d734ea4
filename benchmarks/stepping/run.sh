#!/bin/sh
# Times step mode and outcomes on the 00-welcome counter with farm-bench (medians and spread).
# One `step` decision is one child run: replay the prefix, pause, symbolize the pending lines.
# Usage: benchmarks/stepping/run.sh   (after `swift build`; PARLEARN=<binary> to time another build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=$(cd "$here/../.." && pwd)
parlearn=${PARLEARN:-$package/.build/debug/parlearn}
export PARLEARN_CACHE_DIR="${TMPDIR:-/tmp}/parlearn-stepping-bench-cache"
export NO_COLOR=1
# Compile once so no timed run includes the compiler.
"$parlearn" outcomes 00-welcome/racy >/dev/null 2>&1 || true
binary=$(ls -t "$PARLEARN_CACHE_DIR"/build/*/program | head -1)

echo "one step child (prefix of 2 decisions, pause, source lines):"
farm-bench -n 11 -- env PARLEARN_MODE=step PARLEARN_SCHEDULE=T1-bc PARLEARN_REPORT="${TMPDIR:-/tmp}/step.json" "$binary"
echo "a scripted step session: 4 choices + auto to the end (about 11 child runs, compile cached):"
farm-bench -n 5 -- sh -c "printf '1\n2\n1\n2\nauto 20\nquit\n' | '$parlearn' step 00-welcome/racy"
echo "outcomes 00-welcome/racy --exhaustive (10 schedules, compile cached):"
farm-bench -n 11 -- "$parlearn" outcomes 00-welcome/racy --exhaustive
