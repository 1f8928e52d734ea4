#!/bin/bash
# The capstone's service (chapters/06-serving/service) under its four worker models with 2
# workers, driven on 127.0.0.1 by the package's closed-loop load generator. Prints requests/s
# and p99 latency per model on the CPU route (GET /e, digits of e) and the IO route (GET /io, a
# 50 ms wait), then the async model under mixed load (CPU and IO clients at once) without and
# with the blocking-handler fix (--offload threads): the IO route's p99 is the figure to read.
# Each run's lines, then medians with min-max over the runs. The load generator runs on the same
# 2 cores as the server: read the load average printed before each run. Asserts nothing.
#
#   benchmarks/serving/run.sh [RUNS (3)] [SECONDS per measurement (5)]
#   CONFIG=release|debug (release)  PLACES=digits of e per request (1000)
#   CPU_CONNECTIONS (8)  IO_CONNECTIONS (64)
set -euo pipefail
runs=${1:-3}
seconds=${2:-5}
config=${CONFIG:-release}
places=${PLACES:-1000}
cpu_c=${CPU_CONNECTIONS:-8}
io_c=${IO_CONNECTIONS:-64}
package="$(cd "$(dirname "$0")/../.." && pwd)/chapters/06-serving/service"
echo "building $package ($config; the first build of Hummingbird takes minutes)…"
swift build -c "$config" --package-path "$package" > /dev/null
bin="$package/.build/$config"
work=$(mktemp -d /tmp/parlearn-serving-XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# start_server ARGS…: starts the service on a port the kernel picks and sets $server and $port.
start_server() {
  "$bin/service" --port 0 --seconds $((seconds + 10)) --workers 2 "$@" > "$work/server.log" 2>&1 &
  server=$!
  port=""
  # every server process prints "listening on 127.0.0.1:PORT": 2 in the processes model
  local processes=1
  [[ " $* " == *" processes "* ]] && processes=2
  for _ in $(seq 400); do
    if [ "$(grep -c 'listening on 127\.0\.0\.1:' "$work/server.log")" -ge "$processes" ]; then
      port=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 | cut -d: -f2)
      return
    fi
    sleep 0.05
  done
  echo "the service did not start:"; cat "$work/server.log"; exit 1
}
stop_server() { kill -TERM "$server"; wait "$server" || true; server=""; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; }
load() { "$bin/loadgen" --port "$port" --seconds "$seconds" --places "$places" "$@"; }

for run in $(seq "$runs"); do
  echo "run $run: load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  for model in processes threads isolates async; do
    start_server --model "$model"
    for route in e io; do
      connections=$([ "$route" = e ] && echo "$cpu_c" || echo "$io_c")
      line=$(load --route "$route" --connections "$connections")
      echo "  $model $route: $line"
      echo "$model-$route $(field rps "$line") $(field p99_ms "$line")" >> "$work/figures"
    done
    stop_server
  done
  for offload in none threads; do
    start_server --model async --offload "$offload"
    load --route e --connections "$cpu_c" > "$work/cpu.out" &
    io=$(load --route io --connections "$io_c")
    wait $!
    echo "  async mixed (offload $offload): cpu $(cat "$work/cpu.out")"
    echo "  async mixed (offload $offload): io  $io"
    echo "async-mixed-offload-$offload-io $(field rps "$io") $(field p99_ms "$io")" >> "$work/figures"
    stop_server
  done
done

echo
echo "medians over $runs runs of ${seconds} s ($config build, places=$places, $cpu_c CPU / $io_c IO connections):"
printf '%-34s %22s %24s\n' "model-route" "req/s median (min-max)" "p99 ms median (min-max)"
awk '{ r[$1] = r[$1] " " $2; p[$1] = p[$1] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  function med(list,   a, k, i, j, t) {
    k = split(list, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return sprintf("%.1f (%.1f-%.1f)", (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2, a[1], a[k])
  }
  END { for (i = 1; i <= n; i++) printf "%-34s %22s %24s\n", order[i], med(r[order[i]]), med(p[order[i]]) }' \
  "$work/figures"
