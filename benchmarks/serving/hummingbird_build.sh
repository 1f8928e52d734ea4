#!/bin/bash
# Clean debug build of a minimal Hummingbird package (one GET route), the dependency the serving
# capstone (issue 17) needs, so that its cost to CI can be planned. Prints wall, user and system
# seconds per run and the median wall time, and the machine's load before each run; asserts
# nothing. Packages resolve from the local copies under /opt/swift-packages (no network).
# A run takes minutes alone and far longer on a shared machine: read `load` before trusting it.
#
#   benchmarks/serving/hummingbird_build.sh [RUNS (default 1)]
set -euo pipefail
runs=${1:-1}
work=$(mktemp -d /tmp/parlearn-hb-build-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkg/Sources/hello"
cat > "$work/pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "hello",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")],
    targets: [.executableTarget(name: "hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])]
)
SWIFT
cat > "$work/pkg/Sources/hello/main.swift" <<'SWIFT'
import Hummingbird
let router = Router()
router.get("/") { _, _ in "hi" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8099)))
try await app.runService()
SWIFT
walls=()
for run in $(seq "$runs"); do
  rm -rf "$work/pkg/.build"
  echo "run $run: load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  /usr/bin/time -f "%e %U %S" -o "$work/time" swift build --package-path "$work/pkg" > "$work/log" 2>&1
  read -r wall user sys < "$work/time"
  printf '  clean build: wall %.0f s, user %.0f s, system %.0f s (%s)\n' "$wall" "$user" "$sys" \
    "$(grep -o '\[[0-9]*/[0-9]*\]' "$work/log" | tail -1) steps"
  walls+=("$wall")
done
printf 'median wall: %.0f s over %d run(s)\n' \
  "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')" "$runs"
