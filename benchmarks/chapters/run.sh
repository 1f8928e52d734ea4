#!/usr/bin/env bash
# Measures every performance figure quoted in chapters 01-threads and
# 02-async on this machine. Each Swift benchmark is compiled with
# swiftc -O in Swift 6 mode, runs its measurements several times and
# prints medians; python_threads.py gives the Python side (if python3
# is installed).
#
#   benchmarks/chapters/run.sh              all benchmarks
#   benchmarks/chapters/run.sh async_costs  only the named ones
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    names=(threads_costs threads_lost_updates async_costs async_blocking
           python_threads)
fi

. "$(dirname "$0")/../machine.sh"
for name in "${names[@]}"; do
    if [ "$name" = python_threads ]; then
        echo "## $name"
        if command -v python3 >/dev/null; then
            python3 "$here/python_threads.py"
        else
            echo "python3 not installed: skipped"
        fi
        continue
    fi
    src="$here/$name.swift"
    [ -f "$src" ] || { echo "no benchmark named $name" >&2; exit 2; }
    swiftc -O -swift-version 6 -parse-as-library \
        "$here/Support.swift" "$src" -o "$out/$name"
    echo "## $name"
    "$out/$name"
done
