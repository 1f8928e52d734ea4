#!/bin/bash
# Clean-build and full-test (`swift test`, which builds the tests first) wall time of two commits, measured one after the other on fresh
# clones, so each build starts from nothing (packages come from the local cache). Prints seconds
# and the ratio NEW/OLD; asserts nothing. A run takes tens of minutes: numbers on a shared machine
# are only as quiet as the machine (check `uptime` before trusting them).
#
#   benchmarks/ci/build_and_test_time.sh OLD_COMMIT [NEW_COMMIT (default HEAD)] [RUNS (default 1)]
set -euo pipefail
old=$1; new=${2:-HEAD}; runs=${3:-1}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d /tmp/parlearn-ci-time-XXXXXX)
trap 'rm -rf "$work"' EXIT

seconds() { local start=$(date +%s.%N); "$@" > "$work/log" 2>&1 || true; echo "$(date +%s.%N) - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A build test
for label in old new; do
  commit=$([ $label = old ] && echo "$old" || echo "$new")
  for run in $(seq "$runs"); do
    dir="$work/$label-$run"
    git clone -q "$repo" "$dir" && git -C "$dir" checkout -q "$commit"
    build[$label]+="$(seconds swift build --package-path "$dir" --scratch-path "$dir/.build") "
    test[$label]+="$(seconds swift test --disable-swift-testing --package-path "$dir" --scratch-path "$dir/.build") "
    grep -E "Executed [0-9]+ tests" "$work/log" | tail -1 | sed "s/^/  $label run $run:/"
    rm -rf "$dir"
  done
done
for what in build test; do
  declare -n times=$what
  o=$(echo ${times[old]} | tr ' ' '\n' | median); n=$(echo ${times[new]} | tr ' ' '\n' | median)
  printf '%-5s median wall: old %.0f s, new %.0f s, new/old %.2f (runs: old %s/ new %s)\n' \
    "$what" "$o" "$n" "$(echo "$n / $o" | bc -l)" "${times[old]}" "${times[new]}"
done
