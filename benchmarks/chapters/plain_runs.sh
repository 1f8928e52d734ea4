#!/usr/bin/env bash
# How often a plain `parlearn run` of each racy chapter program fails: the
# figures chapters 00-02 and the README quote when they say how a racy
# program "usually" behaves outside the checker. Each program runs N times
# on real threads; the script prints how many runs failed, with the load
# average, because other work on the machine changes the answer.
#
#   benchmarks/chapters/plain_runs.sh                 20 runs of each
#   benchmarks/chapters/plain_runs.sh 30 01-threads/tenant-racy
#
# Needs a built parlearn (`swift build`); PARLEARN overrides its path.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
parlearn="${PARLEARN:-$root/.build/debug/parlearn}"
[ -x "$parlearn" ] || { echo "build parlearn first (swift build), or set PARLEARN" >&2; exit 2; }
runs="${1:-20}"
shift || true
programs=("$@")
if [ ${#programs[@]} -eq 0 ]; then
    programs=(00-welcome/racy 01-threads/racy 01-threads/tenant-racy
              02-async/racy 02-async/tasklocal-racy)
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg)"
for program in "${programs[@]}"; do
    "$parlearn" run "$program" >/dev/null 2>&1 || true    # compile once, outside the count
    failed=0 other=0
    for _ in $(seq "$runs"); do
        status=0
        "$parlearn" run "$program" >/dev/null 2>&1 || status=$?
        case $status in
            0) ;;
            1) failed=$((failed + 1)) ;;
            *) other=$((other + 1)) ;;
        esac
    done
    note=""
    [ $other -gt 0 ] && note=" ($other ended otherwise: a hang, a crash or a compile error)"
    echo "$program: $failed of $runs plain runs failed$note"
done
