#!/bin/sh
# Release-build benchmark of the async engine (issue 3). Prints medians of 5 runs:
#   jobs:  one task yielding 9,000 times per schedule -> scheduled jobs per second (target >= 1,000,000)
#   small: 3 tasks, ~30 jobs per schedule             -> schedules per second      (target >= 5,000)
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --product ParLearnKit --scratch-path .build-release | grep -v "^\[" || true
lib=.build-release/release
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swiftc -swift-version 6 -O benchmarks/async/AsyncBenchmark.swift -I "$lib/Modules" -L "$lib" -lParLearnKit \
    -Xlinker -rpath -Xlinker "$PWD/$lib" -o "$out/async-benchmark"
# Strategy random: the cheapest per step; portfolio adds PCT's priority bookkeeping.
for strategy in random portfolio; do
    PARLEARN_MODE=explore PARLEARN_STRATEGY=$strategy PARLEARN_SCHEDULES=100 XDG_CACHE_HOME="$out" "$out/async-benchmark" jobs | grep -v '^jobs-'
    PARLEARN_MODE=explore PARLEARN_STRATEGY=$strategy PARLEARN_SCHEDULES=20000 XDG_CACHE_HOME="$out" "$out/async-benchmark" small | grep -v '^small-'
done
